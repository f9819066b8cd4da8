using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Graph;

/// <summary>Case listings are cut into pages of <c>site.page_size</c> cases with stable URLs, rel=prev/next and
/// page links that work without JavaScript.</summary>
public class PaginationTests
{
    /// <summary>Five cases with element 1 (alpha…echo), page size 2: three pages per listing.</summary>
    internal static string Site(int pageSize = 2, string extra = "") =>
        FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, bravo, charlie, delta, echo]").Replace("  title: テストサイト", $"  title: テストサイト\n  page_size: {pageSize}{extra}") + "\n"
        + string.Join("\n", new[] { "alpha", "bravo", "charlie", "delta", "echo" }.Select(id => FixtureSite.Case(id)));

    [Fact]
    public void Listings_are_paginated_with_stable_urls()
    {
        using var site = new FixtureSite(Site());
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        foreach (var listing in new[] { "cases/", "elements/1/", "pillars/seikatsu-shien/", "tags/タクシー/", "organizations/テスト市社会福祉協議会/", "regions/神奈川県-横浜市/" })
        {
            Assert.True(site.OutputExists(listing + "index.html"), listing);
            Assert.True(site.OutputExists(listing + "page/2/index.html"), listing + "page/2/");
            Assert.True(site.OutputExists(listing + "page/3/index.html"), listing + "page/3/");
            Assert.False(site.OutputExists(listing + "page/1/index.html"), "page 1 stays at the listing's own URL: " + listing);
            Assert.False(site.OutputExists(listing + "page/4/index.html"), listing);
            Assert.Equal(2, site.Html(listing + "index.html").QuerySelectorAll(".case-card").Length);
            Assert.Single(site.Html(listing + "page/3/index.html").QuerySelectorAll(".case-card"));
        }
        // Every case appears exactly once across the pages of a listing, in the site's order.
        var titles = new[] { "cases/index.html", "cases/page/2/index.html", "cases/page/3/index.html" }
            .SelectMany(f => site.Html(f).QuerySelectorAll(".case-card__title a").Select(a => a.TextContent.Trim())).ToList();
        Assert.Equal(5, titles.Distinct().Count());
        Assert.Equal(5, titles.Count);
    }

    [Fact]
    public void Pages_link_to_each_other_with_rel_prev_next_and_mark_the_current_page()
    {
        using var site = new FixtureSite(Site());
        Assert.True(site.Build().Success);
        var first = site.Html("elements/1/index.html");
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal("/elements/1/page/2/", first.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        Assert.Contains("5件の事例", first.QuerySelector("main .count")!.TextContent);
        Assert.Contains("1〜2件目", first.QuerySelector("main .count")!.TextContent);

        var middle = site.Html("elements/1/page/2/index.html");
        Assert.Equal("/elements/1/", middle.QuerySelector("link[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/elements/1/page/3/", middle.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        var nav = middle.QuerySelector("nav.pagination")!;
        Assert.Equal("ページ送り", nav.GetAttribute("aria-label"));
        Assert.Equal("/elements/1/", nav.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/elements/1/page/3/", nav.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        var current = nav.QuerySelectorAll("a[aria-current=page]");
        Assert.Single(current);
        Assert.Equal("/elements/1/page/2/", current[0].GetAttribute("href"));
        Assert.Equal(["/elements/1/", "/elements/1/page/2/", "/elements/1/page/3/"],
            nav.QuerySelectorAll("a:not([rel])").Select(a => a.GetAttribute("href")));
        Assert.Contains("3〜4件目", middle.QuerySelector("main .count")!.TextContent);
        Assert.Contains("（2ページ目）", middle.Title);

        var last = site.Html("elements/1/page/3/index.html");
        Assert.Null(last.QuerySelector("link[rel=next]"));
        Assert.Null(last.QuerySelector("nav.pagination a[rel=next]"));
    }

    [Fact]
    public void Page_links_carry_the_base_path()
    {
        using var site = new FixtureSite(Site());
        Assert.True(site.Build(baseUrl: "https://example.org/sub/").Success);
        var middle = site.Html("cases/page/2/index.html");
        Assert.Equal("/sub/cases/", middle.QuerySelector("link[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/sub/cases/page/3/", middle.QuerySelector("nav.pagination a[rel=next]")?.GetAttribute("href"));
        Assert.Equal("https://example.org/sub/cases/page/2/", middle.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }

    [Fact]
    public void A_listing_within_one_page_has_no_page_navigation()
    {
        using var site = new FixtureSite(Site(pageSize: 50));
        Assert.True(site.Build().Success);
        var page = site.Html("cases/index.html");
        Assert.Null(page.QuerySelector("nav.pagination"));
        Assert.Null(page.QuerySelector("link[rel=next]"));
        Assert.Equal(5, page.QuerySelectorAll(".case-card").Length);
        Assert.False(site.OutputExists("cases/page/2/index.html"));
    }

    [Fact]
    public void The_default_page_size_is_fifty()
    {
        var cases = Enumerable.Range(1, 51).Select(i => FixtureSite.Case($"c{i:00}"));
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: []") + "\n" + string.Join("\n", cases));
        Assert.True(site.Build().Success);
        Assert.Equal(50, site.Html("cases/index.html").QuerySelectorAll(".case-card").Length);
        Assert.Single(site.Html("cases/page/2/index.html").QuerySelectorAll(".case-card"));
    }

    [Fact]
    public void Organization_and_region_indexes_are_paginated_at_ten_names_per_case_of_a_page()
    {
        // page_size 1: ten names per index page; twelve organizations make two pages.
        var cases = Enumerable.Range(1, 12).Select(i => FixtureSite.Case($"c{i:00}").Replace("organization: テスト市社会福祉協議会", $"organization: 組織{i:00}"));
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: []").Replace("  title: テストサイト", "  title: テストサイト\n  page_size: 1")
            + "\n" + string.Join("\n", cases));
        Assert.True(site.Build().Success);
        Assert.Equal(10, site.Html("organizations/index.html").QuerySelectorAll(".group-list li").Length);
        var second = site.Html("organizations/page/2/index.html");
        Assert.Equal(["組織11", "組織12"], second.QuerySelectorAll(".group-list a").Select(a => a.TextContent));
        Assert.Equal("/organizations/", second.QuerySelector("nav.pagination a[rel=prev]")?.GetAttribute("href"));
        Assert.Single(site.Html("regions/index.html").QuerySelectorAll(".group-list li"));
    }

    [Theory]
    [InlineData("0", DiagnosticCodes.InvalidValue, "page_size")]
    [InlineData("十", DiagnosticCodes.WrongType, "page_size")]
    [InlineData("2\n  feed_entries: -1", DiagnosticCodes.InvalidValue, "feed_entries")]
    public void A_bad_setting_is_reported_with_its_place_and_nothing_is_written(string value, string code, string key)
    {
        using var site = new FixtureSite(Site().Replace("page_size: 2", "page_size: " + value));
        var result = site.Build();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Contains(key, d.Message);
        Assert.Equal("casebook.yml", d.Span.Path);
        var line = File.ReadAllLines(Path.Combine(site.Root, "casebook.yml")).ToList().FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, d.Span.Line);
        Assert.Matches(@"^casebook\.yml\(\d+,\d+\): error CB\d{4}: ", d.ToString());
        Assert.False(Directory.Exists(site.Output));
    }
}
