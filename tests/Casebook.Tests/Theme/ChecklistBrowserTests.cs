using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Casebook.Tests.Theme;

/// <summary>The self-check pages of the sample site in headless chromium: storage, history, export/import,
/// results with recommended cases, team view, print, accessibility and keyboard use.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ChecklistBrowserTests(BrowserFixture browser, SampleSiteFixture sample) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    private const string Seven = "seven-elements";
    private const string Csw = "csw-functions";
    private const string Mito = "mito-komon-roles";

    private sealed record Item(string Id, string Label);

    private async Task<(IPage Page, List<string> Outside, List<Item> Items)> Open(string checklist)
    {
        var (page, outside) = await browser.NewPageAsync(sample.Origin);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        await page.GotoAsync($"{sample.Origin}/checklists/{checklist}/");
        await page.WaitForSelectorAsync("#history:not([hidden])");
        Assert.Empty(errors);
        var items = new List<Item>();
        foreach (var set in await page.QuerySelectorAllAsync("fieldset.check-item"))
        {
            var id = (await set.GetAttributeAsync("id"))!["item-".Length..];
            var legend = (await (await set.QuerySelectorAsync("legend"))!.TextContentAsync())!.Trim();
            items.Add(new Item(id, legend[(legend.IndexOf(". ", StringComparison.Ordinal) + 2)..]));
        }
        return (page, outside, items);
    }

    /// <summary>Chooses an answer through its label, as a user would: the radio's accessible name holds the item's label.</summary>
    private static Task Answer(IPage page, Item item, string option) =>
        page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{Regex.Escape(option)}\\s*（{Regex.Escape(item.Label)}）$") }).CheckAsync();

    private static ILocator Target(IPage page, Item item) =>
        page.GetByRole(AriaRole.Combobox, new() { NameRegex = new Regex($"^目標\\s*（{Regex.Escape(item.Label)}）$") });

    private static ILocator Notes(IPage page, Item item) =>
        page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex($"^現在の取組\\s*（{Regex.Escape(item.Label)}）$") });

    private static async Task<string?> Checked(IPage page, Item item) =>
        await page.EvaluateAsync<string?>("id => document.querySelector(`input[name='answer-${id}']:checked`)?.value ?? null", item.Id);

    private static void OnDialog(IPage page, Func<bool> accept, List<string>? seen = null) =>
        page.Dialog += async (_, d) =>
        {
            seen?.Add(d.Message);
            if (accept()) await d.AcceptAsync(); else await d.DismissAsync();
        };

    [Fact]
    public async Task Answers_autosave_come_back_on_reload_and_clear_only_after_confirmation()
    {
        var (page, outside, items) = await Open(Seven);
        Assert.Equal(7, items.Count);
        await Answer(page, items[0], "できている");
        await Answer(page, items[1], "一部できている");
        await Answer(page, items[2], "わからない");
        await Target(page, items[1]).SelectOptionAsync("done");
        await Notes(page, items[0]).FillAsync("月1回の連絡会");
        await page.GetByLabel("記入者（任意・書き出したファイルに入ります）").FillAsync("鈴木");
        Assert.Contains("回答済み 3 / 7 項目", await page.TextContentAsync("#results-summary"));

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#history:not([hidden])");
        Assert.Equal("done", await Checked(page, items[0]));
        Assert.Equal("partly", await Checked(page, items[1]));
        Assert.Equal("unknown", await Checked(page, items[2]));
        Assert.Null(await Checked(page, items[3]));
        Assert.Equal("done", await page.InputValueAsync($"#target-{items[1].Id}"));
        Assert.Equal("月1回の連絡会", await page.InputValueAsync($"#notes-{items[0].Id}"));
        Assert.Equal("鈴木", await page.InputValueAsync("#respondent"));
        Assert.Contains("前回の回答を復元しました", await page.TextContentAsync("#autosave-status"));
        // 2 + 1 of 4 counted points (わからない is not counted).
        Assert.Contains("75%", await page.TextContentAsync("#results-summary"));

        var accept = false;
        var dialogs = new List<string>();
        OnDialog(page, () => accept, dialogs);
        await page.ClickAsync("#clear-answers");
        Assert.Single(dialogs);
        Assert.Equal("done", await Checked(page, items[0]));
        accept = true;
        await page.ClickAsync("#clear-answers");
        Assert.Null(await Checked(page, items[0]));
        Assert.Equal("", await page.InputValueAsync($"#notes-{items[0].Id}"));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#history:not([hidden])");
        Assert.Null(await Checked(page, items[0]));
        Assert.Null(await Checked(page, items[1]));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task History_saves_dated_assessments_reopens_compares_and_deletes_them()
    {
        var (page, outside, items) = await Open(Seven);
        var accept = true;
        OnDialog(page, () => accept);
        await Answer(page, items[0], "できていない");
        await Answer(page, items[1], "できている");
        await Answer(page, items[2], "一部できている");
        await page.FillAsync("#history-label", "令和6年度");
        await page.FillAsync("#history-date", "2024-06-01");
        await page.ClickAsync("#history-save");

        await Answer(page, items[0], "できている");
        await Answer(page, items[1], "一部できている");
        await page.FillAsync("#history-label", "令和7年度");
        await page.FillAsync("#history-date", "2025-06-01");
        await page.ClickAsync("#history-save");

        var rows = page.Locator("#history-table tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains("2025-06-01", await rows.Nth(0).TextContentAsync());
        Assert.Contains("令和6年度", await rows.Nth(1).TextContentAsync());

        // History survives a reload.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#history:not([hidden])");
        Assert.Equal(2, await rows.CountAsync());

        var options = await page.EvalOnSelectorAllAsync<string[]>("#compare-a option", "os => os.map(o => o.textContent)");
        Assert.Contains("2024-06-01 令和6年度", options);
        await page.SelectOptionAsync("#compare-a", new SelectOptionValue { Label = "2024-06-01 令和6年度" });
        await page.SelectOptionAsync("#compare-b", new SelectOptionValue { Label = "2025-06-01 令和7年度" });
        await page.ClickAsync("#compare-run");
        Task<string?> Change(Item it) => page.Locator($"#compare-result tr[data-item='{it.Id}'] td[data-change]").GetAttributeAsync("data-change");
        Assert.Equal("up", await Change(items[0]));
        Assert.Equal("down", await Change(items[1]));
        Assert.Equal("same", await Change(items[2]));
        Assert.Equal("na", await Change(items[3]));
        Assert.Contains("上がった項目 1、下がった項目 1、変わらない項目 1", await page.TextContentAsync("#compare-result"));

        // Reopen the older assessment into the form.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^開く\s*令和6年度（2024-06-01）$") }).ClickAsync();
        Assert.Equal("not-yet", await Checked(page, items[0]));
        Assert.Equal("done", await Checked(page, items[1]));

        // Delete asks first; dismissing keeps it.
        accept = false;
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^削除\s*令和7年度（2025-06-01）$") }).ClickAsync();
        Assert.Equal(2, await rows.CountAsync());
        accept = true;
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^削除\s*令和7年度（2025-06-01）$") }).ClickAsync();
        Assert.Equal(1, await rows.CountAsync());
        Assert.DoesNotContain("令和7年度", await page.TextContentAsync("#history-table"));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Export_json_and_csv_then_import_restores_the_same_answers()
    {
        var (page, outside, items) = await Open(Csw);
        OnDialog(page, () => true);
        await page.FillAsync("#respondent", "佐藤 一郎");
        await Answer(page, items[0], "できている");
        await Answer(page, items[3], "できていない");
        await Answer(page, items[9], "わからない");
        await Target(page, items[3]).SelectOptionAsync("partly");
        await Notes(page, items[3]).FillAsync("「見守り」の会議に出る, 月2回\n次は\"同行\"");

        await page.FillAsync("#history-label", "前回");
        await page.FillAsync("#history-date", "2025-04-01");
        await page.ClickAsync("#history-save");
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "JSON で書き出す" }).ClickAsync());
        Assert.EndsWith(".json", json.SuggestedFilename);
        Assert.StartsWith("csw-functions-佐藤_一郎-", json.SuggestedFilename);
        var jsonPath = Path.Combine(Path.GetTempPath(), "cl-" + Guid.NewGuid().ToString("N") + ".json");
        await json.SaveAsAsync(jsonPath);
        using (var doc = JsonDocument.Parse(File.ReadAllText(jsonPath)))
        {
            var root = doc.RootElement;
            Assert.Equal("casebook-checklist", root.GetProperty("format").GetString());
            Assert.Equal("csw-functions", root.GetProperty("checklist").GetString());
            Assert.Equal("佐藤 一郎", root.GetProperty("respondent").GetString());
            Assert.Equal(10, root.GetProperty("items").GetArrayLength());
            var f4 = root.GetProperty("items")[3];
            Assert.Equal("not-yet", f4.GetProperty("answer").GetString());
            Assert.Equal("できていない", f4.GetProperty("answer_label").GetString());
            Assert.Equal("partly", f4.GetProperty("target").GetString());
            var history = root.GetProperty("history");
            Assert.Equal(1, history.GetArrayLength());
            Assert.Equal("2025-04-01", history[0].GetProperty("date").GetString());
            Assert.Equal("前回", history[0].GetProperty("name").GetString());
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        var csvPath = Path.Combine(Path.GetTempPath(), "cl-" + Guid.NewGuid().ToString("N") + ".csv");
        await csv.SaveAsAsync(csvPath);
        var bytes = File.ReadAllBytes(csvPath);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n");
        Assert.Equal(12, lines.Length); // header, 10 items, trailing empty
        Assert.StartsWith("番号,項目,回答,点数,目標,現在の取組", lines[0]);
        Assert.StartsWith($"1,{items[0].Label},できている,2,", lines[1]);
        Assert.Contains("\"「見守り」の会議に出る, 月2回\n次は\"\"同行\"\"\"", text);

        await page.ClickAsync("#clear-answers");
        Assert.Null(await Checked(page, items[0]));
        // Import on "another device": a fresh browser context with empty storage.
        (page, var outside2, _) = await Open(Csw);
        OnDialog(page, () => true);
        await page.SetInputFilesAsync("#import-file", jsonPath);
        await page.WaitForFunctionAsync("() => document.getElementById('transfer-message').textContent.includes('読み込みました')");
        Assert.Equal("done", await Checked(page, items[0]));
        Assert.Equal("not-yet", await Checked(page, items[3]));
        Assert.Equal("unknown", await Checked(page, items[9]));
        Assert.Null(await Checked(page, items[1]));
        Assert.Equal("partly", await page.InputValueAsync($"#target-{items[3].Id}"));
        Assert.Equal("「見守り」の会議に出る, 月2回\n次は\"同行\"", await page.InputValueAsync($"#notes-{items[3].Id}"));
        Assert.Equal("佐藤 一郎", await page.InputValueAsync("#respondent"));
        Assert.Empty(await page.TextContentAsync("#import-errors") ?? "");
        Assert.Contains("記録 1 件も取り込みました", await page.TextContentAsync("#transfer-message"));
        Assert.Contains("前回", await page.TextContentAsync("#history-table tbody"));
        // Importing the same file again does not duplicate the saved assessment.
        await page.SetInputFilesAsync("#import-file", jsonPath);
        // The handler empties the message first: wait for the new one, which mentions no saved assessment taken in.
        await page.WaitForFunctionAsync("() => { const m = document.getElementById('transfer-message').textContent; return m.includes('読み込みました') && !m.includes('記録'); }");
        Assert.Equal(1, await page.Locator("#history-table tbody tr").CountAsync());
        Assert.Empty(outside2);
        File.Delete(jsonPath);
        File.Delete(csvPath);
        Assert.Empty(outside);
    }

    [Theory]
    [InlineData("これは JSON ではありません", "JSON として読み取れませんでした")]
    [InlineData("{\"hello\": 1}", "自己チェックの書き出しファイルではありません")]
    [InlineData("{\"format\":\"casebook-checklist\",\"version\":1,\"checklist\":\"seven-elements\",\"title\":\"総合相談体制 7つの要素 自己チェック\",\"items\":[]}", "別の自己チェック「総合相談体制 7つの要素 自己チェック」")]
    [InlineData("{\"format\":\"casebook-checklist\",\"version\":1,\"checklist\":\"csw-functions\",\"items\":[{\"id\":\"f1\",\"answer\":\"perfect\"},{\"id\":\"zz\"}]}", "回答「perfect」は選択肢にありません")]
    [InlineData("{\"format\":\"casebook-checklist\",\"version\":1,\"checklist\":\"csw-functions\",\"items\":[{\"id\":\"f1\",\"answer\":\"done\"},{\"id\":\"zz\"}]}", "2 番目の項目「zz」は、このチェックにありません")]
    [InlineData("{\"format\":\"casebook-checklist\",\"version\":1,\"checklist\":\"csw-functions\",\"items\":[],\"history\":[{\"name\":\"x\",\"date\":\"昨日\",\"items\":[]}]}", "記録の 1 件目: 日付が")]
    [InlineData("{\"format\":\"casebook-checklist\",\"version\":9,\"checklist\":\"csw-functions\",\"items\":[]}", "版（9）には対応していません")]
    public async Task Malformed_import_is_rejected_with_a_message_and_leaves_answers_alone(string content, string message)
    {
        var (page, outside, items) = await Open(Csw);
        OnDialog(page, () => true);
        await Answer(page, items[1], "一部できている");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "bad.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(content) });
        await page.WaitForFunctionAsync("() => document.getElementById('import-errors').textContent.length > 0");
        var errors = await page.TextContentAsync("#import-errors");
        Assert.Contains("「bad.json」は読み込めませんでした", errors);
        Assert.Contains(message, errors);
        Assert.Equal("alert", await page.GetAttributeAsync("#import-errors", "role"));
        Assert.Equal("partly", await Checked(page, items[1]));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Results_list_for_each_gap_the_cases_tagged_with_its_terms()
    {
        var (page, outside, items) = await Open(Csw);
        foreach (var it in items) await Answer(page, it, "できていない");
        await Answer(page, items[0], "できている");
        var gaps = await page.QuerySelectorAllAsync("#gaps-list > li.gap");
        Assert.Equal(9, gaps.Count);
        Assert.Contains(items[0].Label, await page.TextContentAsync("#strengths-list"));
        Assert.DoesNotContain(await page.EvalOnSelectorAllAsync<string[]>("#gaps-list > li", "ls => ls.map(l => l.dataset.item)"), id => id == items[0].Id);

        var http = new HttpClient { BaseAddress = new Uri(sample.Origin) };
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var anyCases = false;
        foreach (var gap in gaps)
        {
            var id = await gap.GetAttributeAsync("data-item");
            var links = (await gap.EvalOnSelectorAllAsync<string[]>(".recommendations a", "as => as.map(a => a.getAttribute('href'))")).ToList();
            Assert.All(await gap.EvalOnSelectorAllAsync<string[]>(".recommendations .why", "ws => ws.map(w => w.textContent)"), w => Assert.Contains("の実践例。", w));
            // Same list as the server-rendered reading list (which works without JS).
            var server = await page.EvalOnSelectorAllAsync<string[]>($"#rec-{id} .recommendations a", "as => as.map(a => a.getAttribute('href'))");
            Assert.Equal(server, links);
            // Every case comes from the item's taxonomy terms; as many as there are, up to six.
            var termUrls = await page.EvalOnSelectorAllAsync<string[]>($"#rec-{id} .reading-item__terms a", "as => as.map(a => a.getAttribute('href'))");
            Assert.NotEmpty(termUrls);
            var tagged = new HashSet<string>();
            foreach (var url in termUrls)
            {
                var doc = parser.ParseDocument(await http.GetStringAsync(url));
                foreach (var a in doc.QuerySelectorAll("main a[href^='/cases/']")) tagged.Add(a.GetAttribute("href")!);
            }
            Assert.All(links, l => Assert.Contains(l, tagged));
            Assert.Equal(Math.Min(6, tagged.Count), links.Count);
            anyCases |= links.Count > 0;
            if (links.Count > 0) Assert.Equal(200, (int)(await http.GetAsync(links[0])).StatusCode);
        }
        Assert.True(anyCases);
        // Chart and table give the same numbers.
        Assert.Equal(10, await page.Locator("#results-chart svg .chart__row").CountAsync());
        Assert.Equal("100%", (await page.Locator("#results-table tbody tr").Nth(0).Locator("td").Nth(3).TextContentAsync())!.Trim());
        Assert.Equal("0%", (await page.Locator("#results-table tbody tr").Nth(1).Locator("td").Nth(3).TextContentAsync())!.Trim());
        Assert.Contains("10%", await page.TextContentAsync("#results-summary"));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Mito_komon_check_names_the_missing_role_and_team_view_combines_staff_files()
    {
        var (page, outside, items) = await Open(Mito);
        Assert.Equal(4, items.Count);
        await Answer(page, items[0], "いる（はっきりしている）");
        await Answer(page, items[1], "いる（あいまい）");
        await Answer(page, items[2], "いない");
        await Answer(page, items[3], "いない");
        var missing = await page.TextContentAsync("#missing-roles");
        Assert.Contains(items[2].Label, missing);
        Assert.Contains(items[3].Label, missing);
        Assert.DoesNotContain(items[0].Label, missing);

        static FilePayload Staff(string file, string name, params (string Id, string Answer)[] answers) => new()
        {
            Name = file, MimeType = "application/json",
            Buffer = JsonSerializer.SerializeToUtf8Bytes(new
            {
                format = "casebook-checklist", version = 1, checklist = "mito-komon-roles", respondent = name,
                items = answers.Select(a => new { id = a.Id, answer = a.Answer }),
            }),
        };
        await page.SetInputFilesAsync("#team-files", new[]
        {
            Staff("a.json", "職員A", ("komon", "clear"), ("suke-kaku", "vague"), ("yashichi-ogin", "none"), ("hachibei", "none")),
            Staff("b.json", "職員B", ("komon", "clear"), ("suke-kaku", "none"), ("yashichi-ogin", "none"), ("hachibei", "vague")),
            Staff("c.json", "職員C", ("komon", "vague"), ("yashichi-ogin", "none")),
            new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes("{") },
        });
        await page.WaitForSelectorAsync("#team-side");
        Assert.Contains("3 人分", await page.TextContentAsync("#team-message"));
        Assert.Contains("「broken.json」は読み込めませんでした", await page.TextContentAsync("#team-errors"));
        var heads = await page.EvalOnSelectorAllAsync<string[]>("#team-side thead th", "ths => ths.map(t => t.textContent)");
        Assert.Equal(["項目", "職員A", "職員B", "職員C"], heads);
        async Task<string> Count(string item, string answer) =>
            (await page.TextContentAsync($"#team-combined tr[data-item='{item}'] td[data-answer='{answer}']"))!;
        Assert.Equal("2人", await Count("komon", "clear"));
        Assert.Equal("1人", await Count("komon", "vague"));
        Assert.Equal("1人", await Count("suke-kaku", "none"));
        Assert.Equal("1人", await Count("suke-kaku", ""));
        Assert.Equal("3人", await Count("yashichi-ogin", "none"));
        // Only 風車の弥七 is missing for everyone.
        var all = await page.TextContentAsync("#team-missing");
        Assert.Contains(items[2].Label, all);
        Assert.DoesNotContain(items[3].Label, all);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Results_print_on_one_a4_page()
    {
        var (page, outside, items) = await Open(Csw);
        foreach (var it in items) await Answer(page, it, "できていない");
        foreach (var it in items) await Target(page, it).SelectOptionAsync("done");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("#checklist-form"));
        Assert.False(await page.IsVisibleAsync("#reading-list"));
        Assert.True(await page.IsVisibleAsync("#results-chart svg"));
        Assert.True(await page.IsVisibleAsync("#gaps-list a"));
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        var pages = Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![s\w])").Count;
        Assert.Equal(1, pages);
        Assert.Empty(outside);
    }

    [Theory]
    [InlineData(Seven)]
    [InlineData(Csw)]
    [InlineData(Mito)]
    public async Task Axe_finds_no_serious_or_critical_violations(string checklist)
    {
        var (page, _, items) = await Open(checklist);
        OnDialog(page, () => true);
        await page.GetByRole(AriaRole.Radio).Nth(0).CheckAsync();
        await page.GetByRole(AriaRole.Radio).Nth(6).CheckAsync();
        await page.ClickAsync("#history-save");
        await page.SelectOptionAsync("#compare-b", "current");
        await page.ClickAsync("#compare-run");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "x.json", MimeType = "application/json", Buffer = "nope"u8.ToArray() });
        await page.WaitForFunctionAsync("() => document.getElementById('import-errors').textContent.length > 0");
        await page.SetInputFilesAsync("#team-files", new FilePayload
        {
            Name = "t.json", MimeType = "application/json",
            Buffer = JsonSerializer.SerializeToUtf8Bytes(new { format = "casebook-checklist", version = 1, checklist, items = new[] { new { id = items[0].Id, answer = (string?)null } } }),
        });
        await page.WaitForSelectorAsync("#team-side");
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public async Task Works_by_keyboard_alone()
    {
        var (page, outside, items) = await Open(Seven);
        OnDialog(page, () => true);
        async Task TabTo(string selector)
        {
            for (var i = 0; i < 200; i++)
            {
                if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
                await page.Keyboard.PressAsync("Tab");
            }
            throw new Xunit.Sdk.XunitException("could not reach " + selector + " with Tab");
        }
        await page.Locator("body").FocusAsync();
        await TabTo($"input[name='answer-{items[0].Id}']");
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("done", await Checked(page, items[0]));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("partly", await Checked(page, items[0]));
        await TabTo($"#target-{items[0].Id}");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.NotEqual("", await page.InputValueAsync($"#target-{items[0].Id}"));
        await TabTo($"#notes-{items[0].Id}");
        await page.Keyboard.TypeAsync("メモ");
        await TabTo($"input[name='answer-{items[1].Id}']");
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("done", await Checked(page, items[1]));
        Assert.Contains("回答済み 2 / 7 項目", await page.TextContentAsync("#results-summary"));

        // The gap's case link is reachable and visible when focused.
        await TabTo("#gaps-list a");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.getBoundingClientRect().height > 0"));

        await TabTo("#history-save");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(1, await page.Locator("#history-table tbody tr").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await TabTo("#export-json");
            await page.Keyboard.PressAsync("Enter");
        });
        Assert.EndsWith(".json", download.SuggestedFilename);

        await page.Locator("body").FocusAsync();
        await TabTo("#clear-answers");
        await page.Keyboard.PressAsync("Enter");
        Assert.Null(await Checked(page, items[0]));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Works_under_a_base_path()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + """

            -- input/checklists/mini.yml --
            title: 小さなチェック
            level: individual
            scale:
              - { id: done, label: はい, score: 1 }
              - { id: not-yet, label: いいえ, score: 0 }
            items:
              - { id: one, label: 記録をつけている, terms: [elements/2] }
            """);
        var result = site.Build("https://example.org/sub/");
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        await using var server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(site.Output, "/sub/");
        var (page, outside) = await browser.NewPageAsync(server.Origin);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{server.Origin}/sub/checklists/mini/");
        await page.WaitForSelectorAsync("#history:not([hidden])");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex(@"^いいえ\s*（記録をつけている）$") }).CheckAsync();
        var links = await page.EvalOnSelectorAllAsync<string[]>("#gaps-list a", "as => as.map(a => a.getAttribute('href'))");
        Assert.Equal(["/sub/cases/alpha/", "/sub/cases/beta/"], links);
        var keys = await page.EvaluateAsync<string[]>("() => Object.keys(localStorage)");
        Assert.Equal(["casebook:/sub/:checklist:mini"], keys);
        Assert.Empty(errors);
        Assert.Empty(outside);
    }
}
