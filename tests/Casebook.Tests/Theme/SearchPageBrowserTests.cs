using Casebook.Core.Search;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Casebook.Tests.Theme;

/// <summary>The search page's variant folding, searched-forms line, long facets, phone layout and layout stability,
/// over the sample site's real index in Debian's chromium.</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
public class SearchPageBrowserTests(BrowserFixture browser, SampleSiteFixture sample, ITestOutputHelper output) : IAsyncLifetime
{
    private async Task<(IPage Page, List<string> Outside)> OpenAsync(string pathAndQuery, int width = 1280, int height = 900, Action<IPage>? before = null,
        bool settle = true)
    {
        Assert.True(sample.Search?.Status == SearchIndexStatus.Indexed, "the sample site has no search index: " + sample.Search?.Message);
        var context = await browser.Browser.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = width, Height = height } });
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(sample.Origin, StringComparison.Ordinal)) await route.ContinueAsync();
            else { lock (outside) outside.Add(route.Request.Url); await route.AbortAsync(); }
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, e) =>
        {
            // A page stays open after its test; a late error has no test to go to (the output helper would throw).
            try { output.WriteLine("page error: " + e); }
            catch (InvalidOperationException) { Console.Error.WriteLine("page error after its test: " + e); }
        };
        // Layout shifts from the start of the load, summed as Lighthouse does for a page load (no input involved).
        await page.AddInitScriptAsync("""
            window.__cls = 0;
            new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
              .observe({ type: "layout-shift", buffered: true });
            """);
        before?.Invoke(page);
        await page.GotoAsync(sample.Origin + pathAndQuery);
        if (settle) await SettledAsync(page);
        return (page, outside);
    }

    private static async Task SettledAsync(IPage page)
    {
        var root = page.Locator("[data-search]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(done|error)$"), new() { Timeout = 30_000 });
        Assert.Equal("done", await root.GetAttributeAsync("data-state"));
    }

    private static async Task<List<string>> AllResultIdsAsync(IPage page)
    {
        while (await page.Locator("[data-search-more]").CountAsync() > 0)
        {
            var before = await page.Locator("[data-search-results] li").CountAsync();
            await page.Locator("[data-search-more]").ClickAsync();
            for (var i = 0; i < 300 && await page.Locator("[data-search-results] li").CountAsync() <= before; i++) await Task.Delay(100);
        }
        var hrefs = await page.Locator("[data-search-results] a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        return hrefs.Where(h => h.StartsWith("/cases/", StringComparison.Ordinal)).Select(h => h["/cases/".Length..].TrimEnd('/')).ToList();
    }

    private static string Q(string query) => "/search/?q=" + Uri.EscapeDataString(query);

    [Fact]
    public async Task Recall_over_the_variant_query_set_is_at_least_95_percent()
    {
        var (page, outside) = await OpenAsync("/search/");
        int found = 0, expected = 0, returned = 0;
        foreach (var (query, cases) in VariantRecallSet.Queries)
        {
            await page.GotoAsync(sample.Origin + Q(query));
            await SettledAsync(page);
            var ids = await AllResultIdsAsync(page);
            var missed = cases.Where(c => !ids.Contains(c)).ToList();
            found += cases.Length - missed.Count;
            expected += cases.Length;
            returned += ids.Count;
            output.WriteLine($"{query}: {cases.Length - missed.Count}/{cases.Length}, {ids.Count} returned{(missed.Count > 0 ? " — missed " + string.Join(", ", missed) : "")}");
        }
        output.WriteLine($"variant recall {found}/{expected} = {(double)found / expected:P1}; {returned} case results for {VariantRecallSet.Queries.Length} queries");
        Assert.Empty(outside);
        Assert.True(found >= 0.95 * expected, $"variant recall {found}/{expected}");
    }

    [Fact]
    public async Task The_page_says_which_spellings_were_searched_and_marks_them_in_excerpts()
    {
        var (page, _) = await OpenAsync(Q("買物"));
        Assert.Equal("「買い物」「買物」で検索しました", (await page.Locator("[data-search-forms]").InnerTextAsync()).Trim());
        var ids = await AllResultIdsAsync(page);
        Assert.Contains("yokohama-sakae", ids);   // writes 買い物
        var excerpts = await page.Locator(".search-result__excerpt").AllInnerTextsAsync();
        Assert.DoesNotContain(excerpts, e => e.Contains("cbv", StringComparison.Ordinal));
        var marks = await page.Locator(".search-result__excerpt mark").AllInnerTextsAsync();
        Assert.Contains(marks, m => m.Contains("買い物", StringComparison.Ordinal));

        // A query without variants says nothing about spellings.
        await page.Locator("#q").FillAsync("サロン");
        await page.Locator("#q").PressAsync("Enter");
        await SettledAsync(page);
        Assert.True(await page.Locator("[data-search-forms]").IsHiddenAsync());
    }

    [Theory]
    [InlineData("タクシー")]
    [InlineData("移動販売")]
    [InlineData("認知症")]
    [InlineData("研修")]
    public async Task Cases_with_the_word_in_title_summary_or_tags_rank_above_one_body_mention(string query)
    {
        var graph = Casebook.Core.Pipeline.Check(new Casebook.Core.BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused"))).Graph!;
        static string N(string s) => s.Normalize(System.Text.NormalizationForm.FormKC);
        static int Count(string text, string word) => (text.Length - text.Replace(word, "").Length) / word.Length;
        var lead = graph.Cases.Where(c => N(string.Join(" ", new[] { c.Title, c.Subtitle, c.Summary }.Concat(c.Tags.Select(t => t.Label)))).Contains(query))
            .Select(c => c.Id).ToHashSet();
        var once = graph.Cases.Where(c => !lead.Contains(c.Id) && Count(N(c.Markdown), query) == 1
            && !c.Voices.Any(v => N(v.Text).Contains(query)) && !c.Profile.Any(p => N(p.Key + p.Value).Contains(query))).Select(c => c.Id).ToHashSet();
        var (page, _) = await OpenAsync(Q(query));
        var ids = await AllResultIdsAsync(page);
        var leadRanks = ids.Select((id, i) => (id, i)).Where(x => lead.Contains(x.id)).Select(x => x.i).ToList();
        var onceRanks = ids.Select((id, i) => (id, i)).Where(x => once.Contains(x.id)).Select(x => x.i).ToList();
        output.WriteLine($"{query}: {string.Join(" ", ids.Select(id => lead.Contains(id) ? id + "*" : once.Contains(id) ? id + "¹" : id))}");
        Assert.NotEmpty(leadRanks);
        if (onceRanks.Count > 0) Assert.True(leadRanks.Max() < onceRanks.Min(), $"lead ranks {string.Join(",", leadRanks)}, single body mention ranks {string.Join(",", onceRanks)}");
    }

    [Theory]
    [InlineData("タクシー")]
    [InlineData("移動販売")]
    public async Task The_first_results_with_the_words_in_title_summary_or_tags_are_drawn_before_pagefind_has_searched(string query)
    {
        // Pagefind's index chunks are held back until the first results are on screen: those came from the head index
        // (pagefind/casebook-head) and the pages' fragments alone. They are cases whose title, summary or tags hold the
        // query, and they stay, in the same order, at the top of the whole answer once Pagefind has searched.
        var graph = Casebook.Core.Pipeline.Check(new Casebook.Core.BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused"))).Graph!;
        static string N(string s) => s.Normalize(System.Text.NormalizationForm.FormKC);
        var lead = graph.Cases.Where(c => N(string.Join(" ", new[] { c.Title, c.Subtitle, c.Summary }.Concat(c.Tags.Select(t => t.Label)))).Contains(query))
            .Select(c => c.Id).ToHashSet();
        var release = new TaskCompletionSource();
        var held = new List<string>();
        var (page, outside) = await OpenAsync(Q(query), settle: false, before: p => p.Context.RouteAsync("**/pagefind/index/*", async r =>
        {
            lock (held) held.Add(r.Request.Url);
            await release.Task;
            await r.ContinueAsync();
        }).GetAwaiter().GetResult());
        try
        {
            await Assertions.Expect(page.Locator(".search-result").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var early = await CaseIdsAsync(page);
            Assert.Equal("busy", await page.Locator("[data-search]").GetAttributeAsync("data-state"));
            Assert.Equal("検索しています…", await page.Locator("[data-search-status]").InnerTextAsync());
            Assert.NotEmpty(early);
            Assert.Equal(Math.Min(lead.Count, 10), early.Count);
            Assert.All(early, id => Assert.Contains(id, lead));
            Assert.Contains("<mark>", await page.Locator(".search-result__excerpt").First.InnerHTMLAsync());
        }
        finally
        {
            release.TrySetResult();
        }
        await SettledAsync(page);
        lock (held) Assert.NotEmpty(held); // Pagefind did search, after the head index had answered
        var all = await AllResultIdsAsync(page);
        Assert.Equal(all.Take(lead.Count).ToHashSet(), lead);
        Assert.Matches(@"^\d+ 件", await page.Locator("[data-search-status]").InnerTextAsync());
        Assert.Empty(outside);
    }

    private static async Task<List<string>> CaseIdsAsync(IPage page) =>
        (await page.Locator("[data-search-results] a[href]").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
            .Where(h => h.StartsWith("/cases/", StringComparison.Ordinal)).Select(h => h["/cases/".Length..].TrimEnd('/')).ToList();

    [Fact]
    public async Task The_page_preloads_its_scripts_which_exist_and_are_used_once()
    {
        var answers = new List<string>();
        var (page, outside) = await OpenAsync(Q("見守り"), before: p => p.Request += (_, r) => { lock (answers) answers.Add(new Uri(r.Url).AbsolutePath); });
        await Assertions.Expect(page.Locator(".search-result").First).ToBeVisibleAsync();
        var hints = await page.Locator("head link[rel=preload], head link[rel=modulepreload]")
            .EvaluateAllAsync<string[]>("ls => ls.map(l => new URL(l.href).pathname)");
        // pagefind.js is the search worker's import (search-worker.js), which a hint on the page could not serve; the
        // worker itself is started by the inline boot script, search-start.js (which takes it over) is preloaded.
        Assert.Equal(["/assets/js/search-start.js", "/assets/js/search.js", "/assets/js/search-text.js", "/assets/js/search-facets.js", "/assets/js/search-counts.js", "/assets/js/search-digits.js"], hints);
        // The page uses what it preloads: one request each (a second would mean the hint did not match the import).
        // search-digits.js is imported by the search worker too (search-head.js), in its own module map.
        lock (answers)
            foreach (var hint in hints) Assert.Equal(hint.EndsWith("/search-digits.js", StringComparison.Ordinal) ? 2 : 1, answers.Count(a => a == hint));
        foreach (var hint in hints) Assert.Equal(200, (await page.APIRequest.GetAsync(sample.Origin + hint)).Status);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Pagefind_is_started_from_the_head_before_any_script_file_arrives()
    {
        // Neither search.js nor search-start.js ever arrives: the inline boot script in the <head> alone starts the search
        // worker, which asks for pagefind.js and Pagefind's first files, each once (the entry, metadata and WebAssembly
        // it asked for ahead answer Pagefind's own requests).
        var asked = new List<string>();
        var (page, outside) = await OpenAsync(Q("見守り"), settle: false, before: p =>
        {
            p.Context.Request += (_, r) => { lock (asked) asked.Add(new Uri(r.Url).AbsolutePath); };
            p.RouteAsync("**/assets/js/search.js", r => r.AbortAsync()).GetAwaiter().GetResult();
            p.RouteAsync("**/assets/js/search-start.js", r => r.AbortAsync()).GetAwaiter().GetResult();
        });
        var boot = page.Locator("head script[data-search-start]:not([src])");
        Assert.Equal("/pagefind/pagefind.js", await boot.GetAttributeAsync("data-pagefind"));
        Assert.Equal("/assets/js/search-worker.js", await boot.GetAttributeAsync("data-worker"));
        // It comes before the style sheet, which would hold an inline script back until it had arrived.
        Assert.Equal(0, await page.Locator("head link[rel=stylesheet] ~ script[data-search-start]").CountAsync());
        string[] first = ["/assets/js/search-worker.js", "/assets/js/search-fetch.js", "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/pagefind/wasm.en.pagefind"];
        for (var i = 0; i < 300 && !first.All(f => { lock (asked) return asked.Contains(f); }) ; i++) await Task.Delay(100);
        await Task.Delay(500); // time for a second request of any of them, which must not come
        lock (asked)
        {
            Assert.Contains("/assets/js/search.js", asked);
            foreach (var f in first) Assert.Equal(1, asked.Count(a => a == f));
            Assert.Equal(1, asked.Count(a => a.EndsWith(".pf_meta", StringComparison.Ordinal)));
        }
        // Nothing drew results; Pagefind's own worker is not used (Pagefind runs in the search worker).
        Assert.Equal(0, await page.Locator(".search-result").CountAsync());
        lock (asked) Assert.DoesNotContain("/pagefind/pagefind-worker.js", asked);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Without_the_inline_boot_script_search_start_starts_the_worker_itself()
    {
        // A theme whose policy does not match its boot script (one character changed): the browser refuses to run it,
        // search-start.js starts the worker, and the results come as before.
        var (page, outside) = await OpenAsync(Q("見守り"), before: p =>
            p.RouteAsync("**/search/**", async r =>
            {
                var response = await r.FetchAsync();
                var html = await response.TextAsync();
                Assert.Contains("window.casebookSearchBoot = boot;", html);
                await r.FulfillAsync(new() { Response = response, Body = html.Replace("window.casebookSearchBoot = boot;", "window.casebookSearchBoot = boot; ") });
            }).GetAwaiter().GetResult());
        Assert.True(await page.Locator(".search-result").CountAsync() > 0);
        Assert.False(await page.EvaluateAsync<bool>("() => 'casebookSearchBoot' in window"));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Without_pagefind_the_page_says_search_is_unavailable()
    {
        var (page, outside) = await OpenAsync(Q("見守り"), settle: false,
            before: p => p.Context.RouteAsync("**/pagefind/pagefind.js", r => r.AbortAsync()).GetAwaiter().GetResult());
        var root = page.Locator("[data-search]");
        await Assertions.Expect(root).ToHaveAttributeAsync("data-state", "error", new() { Timeout = 30_000 });
        Assert.Equal("このサイトには検索インデックスがありません。7つの要素・柱・テーマの一覧から事例をたどってください。",
            await page.Locator("[data-search-status]").InnerTextAsync());
        Assert.Null(await page.Locator("[data-search-facets]").GetAttributeAsync("data-ready"));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Its_text_files_arrive_compressed_and_decode_to_the_built_files_and_no_icon_is_asked_for()
    {
        var responses = new List<IResponse>();
        var asked = new List<string>();
        var (page, outside) = await OpenAsync(Q("見守り"), before: p =>
        {
            p.Response += (_, r) => { lock (responses) responses.Add(r); };
            p.Context.Request += (_, r) => { lock (asked) asked.Add(new Uri(r.Url).AbsolutePath); };
        });
        await Assertions.Expect(page.Locator(".search-result").First).ToBeVisibleAsync();
        // The facets on screen have their counts: their columns (compressed too) arrived and were read.
        await Assertions.Expect(page.Locator("fieldset[data-param=elements]")).ToHaveAttributeAsync("data-counts", "done");
        var text = new[] { "/search/", ".js", ".css", ".json" };
        List<IResponse> seen;
        lock (responses) seen = responses.Where(r => text.Any(new Uri(r.Url).AbsolutePath.EndsWith)).ToList();
        Assert.Contains(seen, r => r.Url.EndsWith("casebook-facets.json", StringComparison.Ordinal));
        foreach (var r in seen)
        {
            var path = new Uri(r.Url).AbsolutePath;
            // Chromium accepts Brotli on loopback, so the server sends it, or gzip where that is smaller.
            Assert.Contains(await r.HeaderValueAsync("content-encoding"), new[] { "br", "gzip" });
            var file = Path.Combine(sample.Output, path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar), path.EndsWith('/') ? "index.html" : "");
            Assert.Equal(File.ReadAllBytes(file.TrimEnd(Path.DirectorySeparatorChar)), await r.BodyAsync());
        }
        // The page names its icon inline, so the browser does not ask for /favicon.ico (a 404 on every first load).
        Assert.Equal("data:,", await page.Locator("head link[rel=icon]").GetAttributeAsync("href"));
        lock (asked) Assert.DoesNotContain("/favicon.ico", asked);
        Assert.Empty(outside);
    }

    [Fact]
    public async Task The_search_page_has_one_query_box()
    {
        var (page, _) = await OpenAsync("/search/");
        Assert.Equal(1, await page.Locator("input[type=search]").CountAsync());
        Assert.Equal(0, await page.Locator("#header-q").CountAsync());
    }

    [Fact]
    public async Task A_long_facet_shows_its_top_values_and_lists_all_of_them_on_demand_with_a_filter()
    {
        var (page, outside) = await OpenAsync("/search/");
        var fs = page.Locator("fieldset[data-param=organization]");
        Assert.Equal(SearchFacetList.Shown, await fs.Locator("input[type=checkbox]").CountAsync());
        var all = fs.GetByRole(AriaRole.Button, new() { NameRegex = new("すべて表示") });
        Assert.Equal("false", await all.GetAttributeAsync("aria-expanded"));
        var total = int.Parse(await all.GetAttributeAsync("data-total") ?? "0");
        Assert.True(total > SearchFacetList.Shown);

        await all.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var filter = fs.GetByRole(AriaRole.Searchbox, new() { Name = "組織を名前で絞り込む" });
        await Assertions.Expect(filter).ToBeFocusedAsync();
        Assert.Equal(total, await fs.Locator("input[type=checkbox]").CountAsync());

        await page.Keyboard.TypeAsync("港南");
        await Assertions.Expect(fs.Locator("input[type=checkbox]")).ToHaveCountAsync(1);
        var konan = fs.GetByRole(AriaRole.Checkbox, new() { Name = "港南区社会福祉協議会" });
        await konan.CheckAsync();
        await SettledAsync(page);
        Assert.Equal(["yokohama-konan"], await AllResultIdsAsync(page));
        Assert.Contains("organization=", page.Url);

        // A shared link naming a value the page does not list shows it ticked.
        var (shared, _) = await OpenAsync(new Uri(page.Url).PathAndQuery);
        Assert.True(await shared.Locator("fieldset[data-param=organization]").GetByRole(AriaRole.Checkbox, new() { Name = "港南区社会福祉協議会" }).IsCheckedAsync());
        Assert.Equal(["yokohama-konan"], await AllResultIdsAsync(shared));

        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task On_a_phone_results_come_first_and_facets_fold_behind_a_control_that_counts_active_ones()
    {
        var (page, _) = await OpenAsync(Q("見守り") + "&pillars=" + Uri.EscapeDataString("生活支援"), width: 390, height: 844);
        var toggle = page.Locator("[data-search-toggle]");
        Assert.True(await toggle.IsVisibleAsync());
        Assert.Equal("絞り込み（1 件選択中）", (await toggle.InnerTextAsync()).Trim());
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.False(await page.Locator("[data-search-facets]").IsVisibleAsync());
        var first = await page.Locator(".search-result").First.BoundingBoxAsync();
        Assert.NotNull(first);
        Assert.True(first!.Y < 844, $"first result at y={first.Y}");

        // Keyboard: the control opens the facets, and a facet can be ticked from there.
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator("[data-search-facets]").IsVisibleAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement?.type === 'checkbox'"));
        await page.Keyboard.PressAsync("Space");
        await SettledAsync(page);
        Assert.Equal("絞り込み（2 件選択中）", (await toggle.InnerTextAsync()).Trim());

        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }

    [Fact]
    public async Task A_facets_column_is_fetched_only_when_it_comes_on_screen_or_is_used_and_its_counts_then_follow_the_query()
    {
        var asked = new List<string>();
        var (page, outside) = await OpenAsync(Q("見守り"), before: p => p.Request += (_, r) => { lock (asked) asked.Add(new Uri(r.Url).AbsolutePath); });
        var keys = System.Text.Json.JsonDocument.Parse(await (await page.APIRequest.GetAsync(sample.Origin + "/pagefind/" + SearchFacetPages.FileName)).TextAsync())
            .RootElement.GetProperty("facets").EnumerateArray().Select(f => f.GetString()).ToList();
        string ColumnOf(string facet) => "/pagefind/" + SearchFacetPages.ColumnFileName(keys.IndexOf(facet));
        bool Asked(string path) { lock (asked) return asked.Contains(path); }

        // The last facet is below the fold at 1280×900: its column is not fetched and its counts stay the site-wide ones.
        var last = page.Locator("fieldset[data-facet]").Last;
        var facet = await last.GetAttributeAsync("data-facet") ?? "";
        Assert.True((await last.BoundingBoxAsync())!.Y > 900, "the last facet is on screen at load");
        var first = page.Locator("fieldset[data-facet]").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-counts", "done");
        Assert.True(Asked(ColumnOf(await first.GetAttributeAsync("data-facet") ?? "")));
        Assert.False(Asked(ColumnOf(facet)));
        Assert.Equal("site", await last.GetAttributeAsync("data-counts"));
        var siteWide = await last.Locator("[data-count]").EvaluateAllAsync<string[]>("ss => ss.map(s => s.dataset.count)");
        Assert.Equal(siteWide.Select(n => $"（{n}）"), await last.Locator("[data-count]").AllInnerTextsAsync());

        // Scrolled into view, it is fetched and counted over the query's results: ticking a value gives what its count said.
        await last.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(last).ToHaveAttributeAsync("data-counts", "done");
        Assert.True(Asked(ColumnOf(facet)));
        var counts = await last.Locator("[data-count]").AllInnerTextsAsync();
        Assert.NotEqual(siteWide.Select(n => $"（{n}）"), counts);
        var at = counts.ToList().FindIndex(c => c != "（0）");
        Assert.True(at >= 0, "no value of the last facet among the results");
        var shown = int.Parse(counts[at].Trim('（', '）'));
        await last.Locator("input[type=checkbox]").Nth(at).CheckAsync();
        await SettledAsync(page);
        var ticked = page.Url;
        Assert.Equal(shown, (await AllResultIdsAsync(page)).Count);

        // A shared link naming the facet fetches its column though it is off screen, and filters by it.
        lock (asked) asked.Clear();
        var (shared, _) = await OpenAsync(new Uri(ticked).PathAndQuery, before: p => p.Request += (_, r) => { lock (asked) asked.Add(new Uri(r.Url).AbsolutePath); });
        Assert.True((await shared.Locator("fieldset[data-facet]").Last.BoundingBoxAsync())!.Y > 900);
        Assert.True(Asked(ColumnOf(facet)));
        Assert.Equal(shown, (await AllResultIdsAsync(shared)).Count);
        Assert.Empty(outside);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Results_arrive_without_moving_the_page(int width, int height)
    {
        var (page, _) = await OpenAsync(Q("見守り"), width, height);
        await Task.Delay(500);
        var cls = await page.EvaluateAsync<double>("window.__cls");
        output.WriteLine($"layout shift at {width}×{height}: {cls:F3}");
        Assert.True(cls < 0.1, $"cumulative layout shift {cls:F3}");
    }

    /// <summary>Every page a test opens is closed when it ends (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();
}
