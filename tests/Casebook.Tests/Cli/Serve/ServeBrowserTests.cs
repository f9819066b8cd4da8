using Casebook.Core.Editing;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Casebook.Tests.Cli.Serve;

/// <summary>casebook serve in a real browser: live reload over server-sent events, the error overlay, and the
/// tagging panel writing front matter.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class ServeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    [Fact]
    public async Task Open_page_reloads_after_an_edit_and_shows_an_overlay_for_errors()
    {
        await using var s = await ServeSite.StartAsync();
        var (page, outside) = await browser.NewPageAsync(s.Server.Origin);
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await page.GotoAsync(s.Server.Origin + "/cases/alpha/");
        await page.WaitForFunctionAsync("() => document.querySelector('#cb-tagging') !== null");
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var good = File.ReadAllText(path);

        File.WriteAllText(path, good.Replace("title: 事例 alpha", "title: ライブで変わった題名"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ライブで変わった題名");

        File.WriteAllText(path, good.Replace("elements: [1, 2]", "elements: [1, 99]"));
        var overlay = page.Locator("#cb-serve-overlay");
        await Assertions.Expect(overlay).ToBeVisibleAsync();
        await Assertions.Expect(overlay).ToContainTextAsync("CB1201");
        await AssertAccessible(page, "error overlay");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ライブで変わった題名");

        File.WriteAllText(path, good);
        await Assertions.Expect(overlay).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("事例 alpha");
        Assert.Empty(outside);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private static async Task AssertAccessible(IPage page, string what)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{what}:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task Tagging_panel_saves_terms_to_front_matter()
    {
        await using var s = await ServeSite.StartAsync();
        var (page, outside) = await browser.NewPageAsync(s.Server.Origin);
        await page.GotoAsync(s.Server.Origin + "/cases/alpha/");
        var panel = page.Locator("#cb-tagging");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await AssertAccessible(page, "tagging panel");
        await panel.GetByLabel("交流・居場所").CheckAsync();
        await panel.GetByLabel("② 記録と共有").UncheckAsync();
        await panel.GetByLabel("タクシー").UncheckAsync();
        await panel.GetByLabel("テーマを追加").FillAsync("外出支援");
        await panel.GetByLabel("テーマを追加").PressAsync("Enter");
        await panel.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        // The save triggers a rebuild and the page reloads, often before the message could be read:
        // the reloaded page shows the new terms and says the save happened.
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("保存しました");
        await Assertions.Expect(page.Locator("section[aria-labelledby=tags-h]")).ToContainTextAsync("外出支援");
        await Assertions.Expect(page.Locator("section[aria-labelledby=pillars-h]")).ToContainTextAsync("交流・居場所");
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。ページを作り直しました。");
        var doc = EditableDocument.Parse(File.ReadAllBytes(Path.Combine(s.Site.Root, "input/cases/alpha.md")));
        Assert.Equal(["1"], doc.ReadList("elements"));
        Assert.Equal(["生活支援", "交流・居場所"], doc.ReadList("pillars"));
        Assert.Equal(["外出支援"], doc.ReadList("tags"));
        // A rebuild can reload the page twice (the page, then the rest of the site): a reload right after the save still
        // says it happened; one after the save's moment has passed (15 s) does not.
        await ReloadAsync(page);
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("保存しました。ページを作り直しました。");
        await page.EvaluateAsync("""
            () => { for (const k of Object.keys(sessionStorage)) if (k.startsWith("casebook:tagging-saved:")) {
              const saved = JSON.parse(sessionStorage.getItem(k)); saved.at -= 60000; sessionStorage.setItem(k, JSON.stringify(saved)); } }
            """);
        await ReloadAsync(page);
        await Assertions.Expect(panel.GetByLabel("テーマを追加")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("");
        Assert.Empty(outside);
    }

    /// <summary>Reloads the page; when serve's own reload (after a rebuild) cuts this one off, the page has reloaded all
    /// the same, and it is asked again once that has loaded.</summary>
    private static async Task ReloadAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ReloadAsync();
                return;
            }
            catch (PlaywrightException e) when (attempt < 5 && e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }
}
