using System.Text.RegularExpressions;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;

namespace Casebook.Tests.Theme;

/// <summary>Every kind of page, in a real browser: no request leaves the site, and axe-core finds
/// no serious or critical accessibility violation.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class PageKindsTests(BrowserFixture browser, SampleSiteFixture site) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    public static readonly TheoryData<string> PageKinds = new()
    {
        "/", "/cases/", "/cases/yokohama-naka/", "/cases/kanagawa-chigasaki/", "/elements/", "/elements/2/", "/pillars/", "/tags/",
        "/volumes/", "/volumes/yokohama-r4/", "/volumes/kanagawa-h26/print/", "/organizations/", "/regions/", "/matrix/", "/volumes/yokohama-r4/matrix/",
        "/lessons/", "/lessons/mito-komon/", "/pages/kanagawa-leader-advice/", "/checklists/", "/checklists/seven-elements/",
        "/glossary/", "/search/", "/my/", "/404.html",
        "/cases/kanagawa-hayama/", "/lessons/community-based-social-work/", "/pages/chiba-jiritsu-shien-kyogikai/", "/pages/chiba-kikan-soudan/",
    };

    [Theory]
    [MemberData(nameof(PageKinds))]
    public async Task Page_makes_no_outside_request_and_passes_axe(string path)
    {
        var (page, outside) = await browser.NewPageAsync(site.Origin);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        var response = await page.GotoAsync(site.Origin + path);
        Assert.NotNull(response);
        Assert.True(response!.Ok, $"{path}: HTTP {response.Status}");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Empty(outside);
        // CSP violations and script errors show up as console errors.
        Assert.Empty(errors);

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{path}:\n" + string.Join("\n", serious));
    }

    /// <summary>Pages people print (a volume's print edition, a case, a self-check's results) keep
    /// sufficient text contrast under the print stylesheet, not only on screen.</summary>
    [Theory]
    [InlineData("/volumes/kanagawa-h26/print/")]
    [InlineData("/volumes/yokohama-r4/print/")]
    [InlineData("/cases/yokohama-naka/")]
    [InlineData("/checklists/seven-elements/")]
    [InlineData("/matrix/")]
    public async Task Printed_pages_have_sufficient_contrast(string path)
    {
        var (page, _) = await browser.NewPageAsync(site.Origin);
        await page.EmulateMediaAsync(new Microsoft.Playwright.PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        await page.GotoAsync(site.Origin + path);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        // The print stylesheet is what is being checked.
        Assert.True(await page.EvaluateAsync<bool>("matchMedia('print').matches"));
        var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "rule", Values = new List<string> { "color-contrast" } },
        });
        Assert.NotEmpty(axe.Passes); // the rule ran over text on the page
        var low = axe.Violations.SelectMany(v => v.Nodes.Select(n => $"{n.Html} — {string.Join("; ", n.Any.Select(c => c.Message))}")).Take(5).ToList();
        Assert.True(low.Count == 0, $"{path} (print):\n" + string.Join("\n", low));
    }

    [Fact]
    public async Task Site_works_under_a_base_path()
    {
        var output = Path.Combine(Path.GetTempPath(), "casebook-base-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = Casebook.Core.Pipeline.Run(new Casebook.Core.BuildOptions(Repo.Root, output, BaseUrl: "https://example.org/sub/dir/"));
            Assert.True(result.Success);
            await using var server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(output, "/sub/dir/");
            var (page, outside) = await browser.NewPageAsync(server.Origin);
            var failed = new List<string>();
            page.Response += (_, r) => { if (r.Status >= 400) lock (failed) failed.Add(r.Url); };
            await page.GotoAsync(server.Origin + "/sub/dir/");
            await page.RunAndWaitForUrlAsync(() => page.ClickAsync("a[href='/sub/dir/volumes/']"), new Regex("/sub/dir/volumes/$"));
            await page.RunAndWaitForUrlAsync(() => page.ClickAsync("a[href='/sub/dir/volumes/yokohama-r4/']"), new Regex("/sub/dir/volumes/yokohama-r4/$"));
            await page.RunAndWaitForUrlAsync(() => page.ClickAsync(".volume-toc a >> nth=0"), new Regex("/sub/dir/cases/yokohama-naka/$"));
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load); // the stylesheet is applied only once it has loaded
            var css = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.site-header')).backgroundColor");
            Assert.NotEqual("rgba(0, 0, 0, 0)", css);
            Assert.Empty(failed);
            Assert.Empty(outside);
        }
        finally { try { Directory.Delete(output, true); } catch (IOException) { } }
    }

    [Fact]
    public async Task Keyboard_reaches_the_skip_link_search_box_and_navigation()
    {
        var (page, _) = await browser.NewPageAsync(site.Origin);
        await page.GotoAsync(site.Origin + "/cases/yokohama-naka/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.RunAndWaitForUrlAsync(() => page.Keyboard.PressAsync("Enter"), new Regex("#main$"));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync();
        await page.GotoAsync(site.Origin + "/");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("header-q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("タクシー");
        await page.RunAndWaitForUrlAsync(() => page.Keyboard.PressAsync("Enter"), new Regex(@"/search/\?q=.+"));
        Assert.Equal("タクシー", System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["q"]);
    }
}
