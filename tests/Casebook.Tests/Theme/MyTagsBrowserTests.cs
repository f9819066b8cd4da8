using System.Text;
using System.Text.Json;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Casebook.Tests.Theme;

/// <summary>マイタグ on the sample site in headless chromium: the case page control, /my/, export and import,
/// storage problems, accessibility and keyboard use (docs/mytags.md).</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public class MyTagsBrowserTests(BrowserFixture browser, SampleSiteFixture sample) : IAsyncLifetime
{
    private const string Aoba = "yokohama-aoba";
    private const string Asahi = "yokohama-asahi";
    private const string Key = "casebook:/:mytags";
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);
    private readonly List<string> _errors = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    private async Task<(IPage Page, List<string> Outside)> NewPage()
    {
        var (page, outside) = await browser.NewPageAsync(sample.Origin);
        page.SetDefaultTimeout(30_000);   // the shared CI machine can be slow
        page.PageError += (_, e) => { lock (_errors) _errors.Add(e); };
        page.Console += (_, m) => { if (m.Type == "error") lock (_errors) _errors.Add(m.Text); };
        return (page, outside);
    }

    private async Task Goto(IPage page, string path, string ready)
    {
        await page.GotoAsync(sample.Origin + path);
        await page.WaitForSelectorAsync(ready);
    }

    private Task GotoCase(IPage page, string id) => Goto(page, $"/cases/{id}/", "#mytags:not([hidden])");

    private async Task GotoMy(IPage page)
    {
        await Goto(page, "/my/", "#my-app:not([hidden])");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static ILocator Input(IPage page) => page.GetByRole(AriaRole.Combobox, new() { Name = "マイタグを追加" })
        .Or(page.GetByRole(AriaRole.Textbox, new() { Name = "マイタグを追加" }));

    private static async Task AddTag(IPage page, string tag, string? stored = null)
    {
        await Input(page).FillAsync(tag);
        await Input(page).PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = $"「{stored ?? tag}」を外す" }).WaitForAsync();
    }

    private static async Task<List<string>> Tags(IPage page) =>
        (await page.Locator("#mytags-list .mytag__label").AllTextContentsAsync()).ToList();

    private static async Task<string?> Stored(IPage page, string key = Key) =>
        await page.EvaluateAsync<string?>("k => localStorage.getItem(k)", key);

    /// <summary>The downloaded export, checked also by the reader `casebook tags import` uses: what the page
    /// writes, the command reads without a diagnostic.</summary>
    private static async Task<JsonDocument> DownloadJson(IPage page, string buttonName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), "mytags-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        try
        {
            var diagnostics = new Casebook.Core.Diagnostics.DiagnosticBag();
            Assert.NotNull(Casebook.Core.Editing.ReaderExportFile.Read(path, "export.json", diagnostics));
            Assert.Empty(diagnostics.Sorted());
            return JsonDocument.Parse(System.IO.File.ReadAllText(path));
        }
        finally { System.IO.File.Delete(path); }
    }

    private static FilePayload Upload(string name, string text) =>
        new() { Name = name, MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(text) };

    private static string Export(string readerId, string name, string caseId, string[] tags, string note = "") => JsonSerializer.Serialize(new
    {
        format = "casebook-mytags", version = 1, site = new { title = "x", url = "/" }, exported = "2026-11-30",
        readers = new[] { new { id = readerId, name } },
        cases = new[] { new { id = caseId, title = "", tags = tags.Select(t => new { tag = t, readers = new[] { readerId } }).ToArray(),
            notes = note.Length > 0 ? new[] { new { reader = readerId, text = note } } : [] } },
    });

    [Fact]
    public async Task A_tag_added_on_a_case_page_survives_a_reload_shows_on_my_page_and_exports_with_the_case_id()
    {
        var (page, outside) = await NewPage();
        await GotoCase(page, Aoba);
        var title = (await page.TextContentAsync("h1"))!.Trim();
        Assert.Contains("このブラウザーの中", await page.TextContentAsync("#mytags"));
        await AddTag(page, "次の研修で使う");
        await AddTag(page, "ＩＣＴ 活用", "ICT 活用");            // NFKC as the site's tags: stored as "ICT 活用"
        await page.GetByLabel("自分用のメモ（この事例について）").FillAsync("青葉区の例を紹介する");
        await page.GetByLabel("自分用のメモ（この事例について）").BlurAsync();
        await page.WaitForFunctionAsync("() => (localStorage.getItem('casebook:/:mytags') || '').includes('青葉区の例')");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#mytags:not([hidden])");
        Assert.Equal(["次の研修で使う", "ICT 活用"], await Tags(page));
        Assert.Equal("青葉区の例を紹介する", await page.InputValueAsync("#mytags-note"));

        await GotoMy(page);
        Assert.Contains("このブラウザーの中（localStorage）にだけ", await page.TextContentAsync("#my-privacy"));
        var group = page.Locator(".my-group").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^次の研修で使う") }) });
        var link = group.GetByRole(AriaRole.Link, new() { Name = title });
        Assert.Equal($"/cases/{Aoba}/", await link.GetAttributeAsync("href"));
        Assert.Contains("青葉区の例を紹介する", await group.TextContentAsync());
        Assert.Equal(2, await page.Locator(".my-group").CountAsync());

        await page.GetByLabel("お名前（任意・書き出したファイルに入ります）").FillAsync("佐藤");
        await page.GetByLabel("お名前（任意・書き出したファイルに入ります）").BlurAsync();
        using (var doc = await DownloadJson(page, "JSON で書き出す"))
        {
            var root = doc.RootElement;
            Assert.Equal("casebook-mytags", root.GetProperty("format").GetString());
            Assert.Equal(1, root.GetProperty("version").GetInt32());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("site").GetProperty("title").GetString()));
            Assert.Equal("佐藤", root.GetProperty("readers")[0].GetProperty("name").GetString());
            var c = Assert.Single(root.GetProperty("cases").EnumerateArray());
            Assert.Equal(Aoba, c.GetProperty("id").GetString());
            Assert.Equal(title, c.GetProperty("title").GetString());
            Assert.Equal(["次の研修で使う", "ICT 活用"], c.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()!));
            Assert.Equal("青葉区の例を紹介する", c.GetProperty("notes")[0].GetProperty("text").GetString());
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "CSV（Excel 用）で書き出す" }).ClickAsync());
        var csvPath = Path.Combine(Path.GetTempPath(), "mytags-" + Guid.NewGuid().ToString("N") + ".csv");
        await csv.SaveAsAsync(csvPath);
        var bytes = System.IO.File.ReadAllBytes(csvPath);
        System.IO.File.Delete(csvPath);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("事例ID,題名,URL,タグ,人数,付けた人,メモ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{Aoba},", StringComparison.Ordinal) && l.Contains(",次の研修で使う,1,"));

        // Filters: by tag, and by words in the note.
        await page.GetByLabel("タグ", new() { Exact = true }).SelectOptionAsync("ICT 活用");
        Assert.Equal(1, await page.Locator(".my-group").CountAsync());
        await page.GetByLabel("タグ", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("言葉で絞り込む（題名・タグ・メモ）").FillAsync("見当たらない言葉");
        Assert.Equal(0, await page.Locator(".my-group").CountAsync());
        Assert.Contains("絞り込みに合う事例はありません", await page.TextContentAsync("#my-groups"));
        await page.GetByLabel("言葉で絞り込む（題名・タグ・メモ）").FillAsync("");

        // Print: the list without the controls.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("#my-transfer").IsVisibleAsync());
        Assert.True(await link.IsVisibleAsync());
        Assert.Empty(outside);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Colleagues_files_merge_with_counts_and_bad_files_change_nothing()
    {
        var (page, outside) = await NewPage();
        await GotoCase(page, Aoba);
        await AddTag(page, "研修");
        await GotoMy(page);

        await page.SetInputFilesAsync("#my-import", new[]
        {
            Upload("a.json", Export("r-aaaa1111", "鈴木", Aoba, ["研修"])),
            Upload("b.json", Export("r-bbbb2222", "田中", Aoba, ["研修", "見守り"], "会議で紹介したい")),
        });
        await page.WaitForFunctionAsync("() => document.getElementById('my-transfer-status').textContent.includes('読み込みました')");
        Assert.Contains("2 個のファイル", await page.TextContentAsync("#my-transfer-status"));
        var kenshu = page.Locator(".my-group").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^研修") }) });
        Assert.Contains("3 人が付けました", await kenshu.TextContentAsync());
        var mimamori = page.Locator(".my-group").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^見守り") }) });
        Assert.Contains("1 人が付けました", await mimamori.TextContentAsync());
        Assert.Contains("田中: 会議で紹介したい", await mimamori.TextContentAsync());

        // The same colleague's file again does not count them twice.
        await page.SetInputFilesAsync("#my-import", Upload("a-again.json", Export("r-aaaa1111", "鈴木", Aoba, ["研修"])));
        await page.WaitForFunctionAsync("() => document.getElementById('my-transfer-status').textContent.startsWith('1 個のファイルを読み込みました')");
        Assert.Contains("3 人が付けました", await kenshu.TextContentAsync());

        // Bad files: each gets its own message, and nothing is stored.
        var before = await Stored(page);
        var unknown = Export("r-cccc3333", "", "no-such-case", ["研修"]);
        await page.SetInputFilesAsync("#my-import", new[]
        {
            Upload("good.json", Export("r-dddd4444", "", Asahi, ["研修"])),
            Upload("unknown.json", unknown),
            Upload("text.json", "これは JSON ではありません"),
            Upload("v2.json", "{\"format\":\"casebook-mytags\",\"version\":2,\"readers\":[],\"cases\":[]}"),
        });
        var errors = page.Locator("#my-import-errors");
        await errors.GetByText("unknown.json は読み込めませんでした").WaitForAsync();
        var text = await errors.TextContentAsync();
        Assert.Contains("事例「no-such-case」はこのサイトにありません", text);
        Assert.Contains("text.json は読み込めませんでした", text);
        Assert.Contains("JSON として読み取れませんでした", text);
        Assert.Contains("version: 2", text);
        Assert.Equal(before, await Stored(page));
        Assert.Equal(0, await page.Locator($".my-case[data-case='{Asahi}']").CountAsync());

        using (var doc = await DownloadJson(page, "JSON で書き出す"))
        {
            var root = doc.RootElement;
            Assert.Equal(3, root.GetProperty("readers").GetArrayLength());
            var tag = root.GetProperty("cases")[0].GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("tag").GetString() == "研修");
            Assert.Equal(3, tag.GetProperty("readers").GetArrayLength());
        }

        // The reader's own tags stay theirs: the case page shows only 研修, not the colleagues' 見守り.
        await GotoCase(page, Aoba);
        Assert.Equal(["研修"], await Tags(page));

        await GotoMy(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "読み込んだ分を外す" }).ClickAsync();
        Assert.DoesNotContain("人が付けました", await page.TextContentAsync("#my-groups"));
        Assert.Empty(outside);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Corrupt_storage_is_kept_aside_with_a_visible_message_and_other_data_survives()
    {
        var (page, outside) = await NewPage();
        await GotoCase(page, Aoba);
        const string other = "casebook:/:checklist:seven-elements";
        const string otherValue = "{\"version\":1,\"current\":{\"respondent\":\"x\",\"answers\":{}},\"history\":[]}";
        await page.EvaluateAsync("([k, v, o]) => { localStorage.setItem(k, '{\"version\":1,\"cases\":'); localStorage.setItem(o, v); }",
            new[] { Key, otherValue, other });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#mytags:not([hidden])");
        var problem = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "壊れていたため、退避して" });
        Assert.True(await problem.IsVisibleAsync());
        var backups = await page.EvaluateAsync<string[]>("k => Object.keys(localStorage).filter(x => x.startsWith(k + ':backup:'))", Key);
        var backup = Assert.Single(backups);
        Assert.Equal("{\"version\":1,\"cases\":", await Stored(page, backup));

        // Tagging works again, and the other data is as it was.
        await AddTag(page, "研修");
        Assert.Equal(["研修"], await Tags(page));
        Assert.Equal(otherValue, await Stored(page, other));

        // Some entries broken: the rest is read, the original kept aside too.
        await page.EvaluateAsync("k => { const s = JSON.parse(localStorage.getItem(k)); s.cases['yokohama-asahi'] = { tags: 'x' }; localStorage.setItem(k, JSON.stringify(s)); }", Key);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#mytags:not([hidden])");
        Assert.True(await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "一部が壊れていた" }).IsVisibleAsync());
        Assert.Equal(["研修"], await Tags(page));

        // /my/ offers the kept data as a file.
        await GotoMy(page);
        var list = page.Locator("#my-backup-list li");
        Assert.Equal(2, await list.CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => list.First.GetByRole(AriaRole.Button, new() { Name = "ファイルに保存" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), "mytags-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        Assert.Equal("{\"version\":1,\"cases\":", System.IO.File.ReadAllText(path));
        System.IO.File.Delete(path);
        Assert.Empty(outside);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task A_full_storage_shows_a_message_and_keeps_what_was_stored()
    {
        var (page, _) = await NewPage();
        await GotoCase(page, Aoba);
        await AddTag(page, "研修");
        var before = await Stored(page);
        await page.EvaluateAsync("""
            () => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }
            """);
        await Input(page).FillAsync("見守り");
        await Input(page).PressAsync("Enter");
        var problem = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "保存領域がいっぱい" });
        await problem.WaitForAsync();
        Assert.Equal(["研修"], await Tags(page));
        Assert.Equal(before, await Stored(page));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#mytags:not([hidden])");
        Assert.Equal(["研修"], await Tags(page));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Tags_are_added_and_removed_by_keyboard_alone()
    {
        var (page, _) = await NewPage();
        await GotoCase(page, Aoba);
        async Task TabTo(string selector)
        {
            for (var i = 0; i < 300; i++)
            {
                if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
                await page.Keyboard.PressAsync("Tab");
            }
            throw new Xunit.Sdk.XunitException("could not reach " + selector + " with Tab");
        }
        await page.Locator("body").FocusAsync();
        await TabTo("#mytags-input");
        await page.Keyboard.TypeAsync("研修");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("見守り");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(["研修", "見守り"], await Tags(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.id === 'mytags-input'"));
        Assert.Contains("「見守り」を追加しました", await page.TextContentAsync("#mytags-status"));

        // Back to the first tag's remove button (Shift+Tab), then remove with Enter.
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => document.activeElement.dataset.tag === '研修'"); i++)
            await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("「研修」を外す", await page.EvaluateAsync<string>("() => document.activeElement.textContent.replace('×', '')"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(["見守り"], await Tags(page));
        // Focus stays in the control, on the next tag's button.
        Assert.Equal("見守り", await page.EvaluateAsync<string>("() => document.activeElement.dataset.tag"));
        await page.Keyboard.PressAsync("Space");
        Assert.Empty(await Tags(page));
        Assert.Equal("mytags-input", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task Case_page_and_my_page_pass_axe_with_tags_shown()
    {
        var (page, outside) = await NewPage();
        await GotoCase(page, Aoba);
        await AddTag(page, "研修");
        await page.GetByLabel("自分用のメモ（この事例について）").FillAsync("メモ");
        await AssertAxeClean(page, "case page");
        await GotoMy(page);
        await page.SetInputFilesAsync("#my-import", Upload("a.json", Export("r-aaaa1111", "鈴木", Asahi, ["研修"], "参考")));
        await page.WaitForFunctionAsync("() => document.getElementById('my-transfer-status').textContent.includes('読み込みました')");
        await AssertAxeClean(page, "/my/");
        Assert.Empty(outside);
        Assert.Empty(_errors);
    }

    private static async Task AssertAxeClean(IPage page, string what)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{what}:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task Without_javascript_the_case_page_reads_and_the_control_stays_hidden()
    {
        var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{sample.Origin}/cases/{Aoba}/");
        Assert.True(await page.Locator("article.case h1").IsVisibleAsync());
        Assert.False(await page.Locator("#mytags").IsVisibleAsync());
        await page.GotoAsync($"{sample.Origin}/my/");
        Assert.True(await page.Locator("#my-nojs").IsVisibleAsync());
        Assert.False(await page.Locator("#my-app").IsVisibleAsync());
    }
}
