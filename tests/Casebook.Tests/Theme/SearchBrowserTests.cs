using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Core;
using Casebook.Core.Search;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Casebook.Tests.Theme;

/// <summary>The search page over the sample site's Pagefind index, in Debian's chromium.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class SearchBrowserTests(BrowserFixture browser, SampleSiteFixture sample, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    /// <summary>A page stays open after its test; what it logs later has no test to go to (the output helper throws,
    /// which would end the Playwright connection for every later test), so it goes to the error stream.</summary>
    private void Log(string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { Console.Error.WriteLine("after its test: " + line); }
    }

    private async Task<(IPage Page, List<string> Outside)> OpenAsync(string pathAndQuery, string? origin = null)
    {
        Assert.True(sample.Search?.Status == SearchIndexStatus.Indexed, "the sample site has no search index: " + sample.Search?.Message);
        origin ??= sample.Origin;
        var (page, outside) = await browser.NewPageAsync(origin);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Log($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => Log("page error: " + e);
        await page.GotoAsync(origin + pathAndQuery);
        await SettledAsync(page);
        return (page, outside);
    }

    /// <summary>search.js marks the page done (or error) after each search has been drawn.</summary>
    private static async Task SettledAsync(IPage page)
    {
        var root = page.Locator("[data-search]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-state", new Regex("^(done|error)$"));
        Assert.Equal("done", await root.GetAttributeAsync("data-state"));
    }

    /// <summary>Case ids of every result (pressing さらに表示 until all are shown).</summary>
    private static async Task<List<string>> ResultCaseIdsAsync(IPage page, string basePath = "/")
    {
        while (await page.Locator("[data-search-more]").CountAsync() > 0)
        {
            var before = await page.Locator("[data-search-results] li").CountAsync();
            await page.Locator("[data-search-more]").ClickAsync();
            // (WaitForFunction would need eval, which the site's CSP forbids.)
            for (var i = 0; i < 300 && await page.Locator("[data-search-results] li").CountAsync() <= before; i++) await Task.Delay(100);
        }
        var hrefs = await page.Locator("[data-search-results] a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var prefix = basePath + "cases/";
        return hrefs.Where(h => h.StartsWith(prefix, StringComparison.Ordinal)).Select(h => h[prefix.Length..].TrimEnd('/')).ToList();
    }

    private static string Q(string query) => "search/?q=" + Uri.EscapeDataString(query);

    private static SiteGraphView Graph() => new(Pipeline.Check(new BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused"))));

    private sealed class SiteGraphView(BuildResult result)
    {
        public IEnumerable<Casebook.Core.Model.CaseStudy> Cases => result.Graph!.Cases;
    }

    [Fact]
    public async Task A_Japanese_query_lists_matching_cases_with_organization_volume_wareki_year_and_highlighted_excerpt()
    {
        var (page, outside) = await OpenAsync("/" + Q("タクシー"));
        var ids = await ResultCaseIdsAsync(page);
        Assert.Contains("yokohama-naka", ids);
        Assert.Contains("yokohama-minami", ids);
        Assert.DoesNotContain("kanagawa-miura", ids);

        var naka = page.Locator("[data-search-results] li", new() { Has = page.Locator("a[href='/cases/yokohama-naka/']") });
        var meta = await naka.Locator(".search-result__meta").InnerTextAsync();
        Assert.Contains("中区社会福祉協議会", meta);
        Assert.Contains("横浜市 令和4年度 生活支援体制整備事業 事例集", meta);
        Assert.Contains("令和4年度", meta);
        var marks = await naka.Locator(".search-result__excerpt mark").AllInnerTextsAsync();
        Assert.Contains(marks, m => m.Contains("タクシー", StringComparison.Ordinal));
        // The excerpt reads as ordinary text, not as the index's pairs of characters.
        var excerpt = await naka.Locator(".search-result__excerpt").InnerTextAsync();
        Assert.DoesNotContain("タク クシ", excerpt);
        Assert.Matches("[0-9]+ 件", await page.Locator("[data-search-status]").InnerTextAsync());
        Assert.Equal("polite", await page.Locator("[data-search-status]").GetAttributeAsync("aria-live"));
        Assert.Empty(outside);
    }

    [Theory]
    [InlineData("２層Ｃｏ", "2層Co")]
    [InlineData("ＣＰ", "CP")]
    [InlineData("（ｺｰﾃﾞｨﾈｰﾀｰ）", "(コーディネーター)")]
    public async Task Full_width_and_half_width_queries_give_the_same_results(string wide, string narrow)
    {
        var (a, _) = await OpenAsync("/" + Q(wide));
        var wideIds = await ResultCaseIdsAsync(a);
        var (b, _) = await OpenAsync("/" + Q(narrow));
        var narrowIds = await ResultCaseIdsAsync(b);
        Assert.NotEmpty(wideIds);
        Assert.Equal(narrowIds, wideIds);
    }

    [Fact]
    public async Task The_query_is_split_the_same_way_in_the_browser_as_in_the_index()
    {
        var (page, _) = await OpenAsync("/search/");
        var samples = Graph().Cases.SelectMany(c => new[] { c.Title, c.Subtitle, c.Organization, c.Summary })
            .Concat(["２層Ｃｏ（ＣＰ）と Zoom で「見守り」", "ｺｰﾃﾞｨﾈｰﾀｰ・ICT活用 2022年", "𠮷野家 々 ゝ ヶ"]).ToArray();
        var js = await page.EvaluateAsync<string[][]>(
            "async ([url, texts]) => { const m = await import(url); return texts.map(t => m.tokens(t)); }",
            new object[] { "/assets/js/search-text.js", samples });
        for (var i = 0; i < samples.Length; i++)
            Assert.Equal(SearchText.Tokens(samples[i]), js[i]);
    }

    [Fact]
    public async Task Facets_narrow_and_combine_and_their_counts_follow()
    {
        var graph = Graph();
        var (page, outside) = await OpenAsync("/search/");
        Assert.True(await page.Locator("[data-search-facets]").IsVisibleAsync());

        // A facet value is a labelled native checkbox whose label holds the term's label.
        var element2 = page.GetByRole(AriaRole.Checkbox, new() { Name = "記録と共有" });
        await element2.CheckAsync();
        await SettledAsync(page);
        var expected = graph.Cases.Where(c => c.Elements.Any(e => e.Number == 2)).Select(c => c.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await ResultCaseIdsAsync(page)).Order().ToList());

        // Another facet narrows further (a case must have both).
        var year = graph.Cases.Where(c => c.Elements.Any(e => e.Number == 2)).Select(c => c.FiscalYear).Min();
        var yearLabel = Casebook.Core.Text.Wareki.FiscalYear(year);
        var yearBox = page.Locator("fieldset[data-param=year]").GetByRole(AriaRole.Checkbox, new() { Name = yearLabel });
        // Its counts follow the query once it is on screen (its column is fetched then).
        await page.Locator("fieldset[data-param=year]").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.Locator("fieldset[data-param=year]")).ToHaveAttributeAsync("data-counts", "done");
        var countText = await page.Locator("fieldset[data-param=year] li", new() { Has = page.GetByRole(AriaRole.Checkbox, new() { Name = yearLabel }) })
            .Locator("[data-count]").InnerTextAsync();
        await yearBox.CheckAsync();
        await SettledAsync(page);
        var both = graph.Cases.Where(c => c.Elements.Any(e => e.Number == 2) && c.FiscalYear == year).Select(c => c.Id).Order().ToList();
        Assert.NotEmpty(both);
        Assert.True(both.Count < expected.Count);
        Assert.Equal(both, (await ResultCaseIdsAsync(page)).Order().ToList());
        Assert.Equal($"（{both.Count}）", countText); // the count shown before ticking said what ticking gives

        // Within one year facet, a second year adds its cases (a case has one fiscal year).
        var otherYear = graph.Cases.Where(c => c.Elements.Any(e => e.Number == 2) && c.FiscalYear != year).Select(c => c.FiscalYear).First();
        await page.Locator("fieldset[data-param=year]").GetByRole(AriaRole.Checkbox, new() { Name = Casebook.Core.Text.Wareki.FiscalYear(otherYear) }).CheckAsync();
        await SettledAsync(page);
        var either = graph.Cases.Where(c => c.Elements.Any(e => e.Number == 2) && (c.FiscalYear == year || c.FiscalYear == otherYear)).Select(c => c.Id).Order().ToList();
        Assert.Equal(either, (await ResultCaseIdsAsync(page)).Order().ToList());

        // A query combines with the facets.
        await page.Locator("#q").FillAsync("研修");
        await page.Locator("#q").PressAsync("Enter");
        await SettledAsync(page);
        var withQuery = await ResultCaseIdsAsync(page);
        Assert.All(withQuery, id => Assert.Contains(id, either));
        Assert.True(withQuery.Count < either.Count);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task State_lives_in_the_url_and_the_back_button_restores_it()
    {
        var (page, _) = await OpenAsync("/search/");
        await page.Locator("#q").FillAsync("見守り");
        await page.Locator("#q").PressAsync("Enter");
        await SettledAsync(page);
        var queryOnly = await ResultCaseIdsAsync(page);
        await page.Locator("fieldset[data-param=pillars]").GetByRole(AriaRole.Checkbox, new() { Name = "生活支援" }).CheckAsync();
        await SettledAsync(page);
        var narrowed = await ResultCaseIdsAsync(page);
        Assert.True(narrowed.Count < queryOnly.Count);

        var url = new Uri(page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("見守り", query["q"]);
        Assert.Equal("生活支援", query["pillars"]);

        // The shared link shows the same search.
        var (shared, _) = await OpenAsync(url.PathAndQuery);
        Assert.Equal("見守り", await shared.Locator("#q").InputValueAsync());
        Assert.True(await shared.Locator("fieldset[data-param=pillars]").GetByRole(AriaRole.Checkbox, new() { Name = "生活支援" }).IsCheckedAsync());
        Assert.Equal(narrowed, await ResultCaseIdsAsync(shared));

        // popstate may come after GoBack returns: the unticked box shows that search.js has read the older URL.
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("fieldset[data-param=pillars]").GetByRole(AriaRole.Checkbox, new() { Name = "生活支援" })).Not.ToBeCheckedAsync();
        await SettledAsync(page);
        Assert.Equal(queryOnly, await ResultCaseIdsAsync(page));
    }

    [Fact]
    public async Task Enter_after_typing_runs_one_search_not_a_second_one_when_the_typing_pause_ends()
    {
        var (page, _) = await OpenAsync("/search/");
        await page.EvaluateAsync(@"() => {
            window.__searches = 0;
            const root = document.querySelector('[data-search]');
            new MutationObserver(() => { if (root.dataset.state === 'busy') window.__searches++; })
              .observe(root, { attributes: true, attributeFilter: ['data-state'] });
        }");
        await page.Locator("#q").FillAsync("研修");
        await page.Locator("#q").PressAsync("Enter");
        await SettledAsync(page);
        await Task.Delay(1000); // past the 300 ms typing pause: a search it had scheduled would have started
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__searches"));
        Assert.Equal("done", await page.Locator("[data-search]").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task No_results_shows_help_and_the_header_box_leads_to_the_search_page()
    {
        var (page, outside) = await OpenAsync("/" + Q("存在しない言葉ぴよぴよ"));
        Assert.Equal(0, await page.Locator("[data-search-results] li").CountAsync());
        Assert.True(await page.Locator("[data-search-help]").IsVisibleAsync());
        Assert.Contains("見つかりません", await page.Locator("[data-search-status]").InnerTextAsync());

        await page.GotoAsync(sample.Origin + "/cases/yokohama-naka/");
        await page.Locator("#header-q").FillAsync("移動販売");
        await page.RunAndWaitForUrlAsync(() => page.Locator("#header-q").PressAsync("Enter"), new Regex(@"/search/\?q=.+"));
        await SettledAsync(page);
        Assert.Contains("yokohama-sakae", await ResultCaseIdsAsync(page));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Keyboard_only_search_and_facets_work_and_the_page_is_axe_clean()
    {
        var (page, _) = await OpenAsync("/search/");
        await page.Locator("#q").FocusAsync();
        await page.Keyboard.TypeAsync("サロン");
        await page.Keyboard.PressAsync("Enter");
        await SettledAsync(page);
        var before = (await ResultCaseIdsAsync(page)).Count;
        Assert.True(before > 0);
        // Tab to the first facet checkbox and tick it with the space bar.
        await page.Locator("#q").FocusAsync();
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("document.activeElement?.type === 'checkbox'"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement?.type === 'checkbox'"));
        await page.Keyboard.PressAsync("Space");
        await SettledAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.checked"));
        Assert.True((await ResultCaseIdsAsync(page)).Count <= before);

        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    [Fact]
    public async Task Without_javascript_the_page_says_search_needs_it()
    {
        var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(sample.Origin + "/search/?q=" + Uri.EscapeDataString("タクシー"));
        Assert.Contains("JavaScript", await page.Locator("main").InnerTextAsync());
        Assert.False(await page.Locator("[data-search-facets]").IsVisibleAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Recall_over_the_japanese_query_set()
    {
        var found = 0;
        var expected = 0;
        var returned = 0;
        var (page, outside) = await OpenAsync("/search/");
        foreach (var (query, cases) in RecallSet.Queries)
        {
            await page.GotoAsync(sample.Origin + "/" + Q(query));
            await SettledAsync(page);
            var ids = await ResultCaseIdsAsync(page);
            var missed = cases.Where(c => !ids.Contains(c)).ToList();
            found += cases.Length - missed.Count;
            expected += cases.Length;
            returned += ids.Count;
            output.WriteLine($"{query}: {cases.Length - missed.Count}/{cases.Length} found, {ids.Count} cases returned{(missed.Count > 0 ? " — missed " + string.Join(", ", missed) : "")}");
        }
        Assert.Empty(outside);
        output.WriteLine($"recall {found}/{expected} = {(double)found / expected:P1}; {returned} case results for {RecallSet.Queries.Length} queries");
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Search_works_under_a_base_path()
    {
        var dir = Path.Combine(Path.GetTempPath(), "casebook-search-sub-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var build = Pipeline.Run(new BuildOptions(Repo.Root, dir, "https://example.org/sub/", Search: true, SearchTools: Casebook.Cli.HostEnvironment.SearchTools()));
            Assert.True(build.Success);
            Assert.True(build.Search?.Status == SearchIndexStatus.Indexed, build.Search?.Message);
            await using var server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(dir, "/sub/");
            var (page, outside) = await OpenAsync("/sub/" + Q("タクシー"), server.Origin);
            var hrefs = await page.Locator("[data-search-results] a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            Assert.NotEmpty(hrefs);
            Assert.All(hrefs, h => Assert.StartsWith("/sub/", h));
            Assert.Contains("yokohama-naka", await ResultCaseIdsAsync(page, "/sub/"));
            await page.RunAndWaitForUrlAsync(() => page.Locator("[data-search-results] a[href='/sub/cases/yokohama-naka/']").ClickAsync(),
                new Regex("/sub/cases/yokohama-naka/$"));
            Assert.Contains("タクシー", await page.Locator("h1").InnerTextAsync());
            Assert.Empty(outside);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
