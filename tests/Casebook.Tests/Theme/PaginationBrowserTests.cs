using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;

namespace Casebook.Tests.Theme;

/// <summary>Page links of a paginated listing in a real browser: reachable with the keyboard, the
/// current page announced, and axe-core clean.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public class PaginationBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    [Fact]
    public async Task Keyboard_follows_page_links_and_the_pages_pass_axe()
    {
        using var site = new FixtureSite(Casebook.Tests.Core.Graph.PaginationTests.Site());
        Assert.True(site.Build().Success);
        await using var server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(site.Output);
        var (page, outside) = await browser.NewPageAsync(server.Origin);
        await page.GotoAsync(server.Origin + "/cases/");

        // Tab through the page until the "next page" link has focus, then follow it with Enter.
        var reached = false;
        for (var i = 0; i < 80 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("document.activeElement?.matches('nav.pagination a[rel=next]') ?? false");
        }
        Assert.True(reached, "the next-page link is reachable with Tab");
        Assert.Equal("/cases/page/2/", await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')"));
        // Shift+Tab goes back through the numbered page links, the current one marked for screen readers.
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("/cases/page/3/", await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')"));

        await page.GotoAsync(server.Origin + "/cases/page/2/", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit, Timeout = 60_000 });
        await page.Locator("nav.pagination").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("/cases/page/2/", await page.Locator("nav.pagination a[aria-current=page]").GetAttributeAsync("href"));
        Assert.Equal("ページ送り", await page.Locator("nav.pagination").GetAttributeAsync("aria-label"));
        Assert.Equal("/cases/", await page.Locator("nav.pagination a[rel=prev]").GetAttributeAsync("href"));

        foreach (var path in new[] { "/cases/page/2/", "/elements/1/page/3/" })
        {
            await page.GotoAsync(server.Origin + path);
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
            Assert.True(serious.Count == 0, $"{path}:\n" + string.Join("\n", serious));
        }
        Assert.Empty(outside);
    }

    [Fact]
    public async Task The_matrix_overview_and_a_volume_grid_pass_axe()
    {
        using var site = new FixtureSite(Casebook.Tests.Core.Graph.PaginationTests.Site());
        Assert.True(site.Build().Success);
        await using var server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(site.Output);
        var (page, outside) = await browser.NewPageAsync(server.Origin);
        foreach (var path in new[] { "/matrix/", "/volumes/vol-a/matrix/" })
        {
            await page.GotoAsync(server.Origin + path);
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
            Assert.True(serious.Count == 0, $"{path}:\n" + string.Join("\n", serious));
        }
        await page.GotoAsync(server.Origin + "/matrix/");
        await page.ClickAsync("a[href='/volumes/vol-a/matrix/']");
        Assert.EndsWith("/volumes/vol-a/matrix/", page.Url);
        Assert.Equal(5, await page.Locator("table.matrix tbody tr:not(.matrix__group)").CountAsync());
        Assert.Empty(outside);
    }
}
