using System.Xml.Linq;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Graph;

/// <summary>Pages that summarise the whole site stay small: the matrix overview with per-volume and per-year grids,
/// the feed of the newest cases, and a sitemap naming every page.</summary>
public class SiteMapOutputTests
{
    private static string Site(string settings = "") =>
        FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, bravo]").Replace("  title: テストサイト", "  title: テストサイト" + settings) + "\n"
        + FixtureSite.Case("alpha") + "\n"
        + FixtureSite.Case("bravo").Replace("elements: [1, 2]", "elements: [2, 5]") + "\n"
        + FixtureSite.Case("old-one", volume: "vol-a").Replace("volume: vol-a\n", "").Replace("fiscal_year: 2022", "fiscal_year: 2019")
            .Replace("elements: [1, 2]", "elements: [7]") + "\n"
        + FixtureSite.Case("new-one", volume: "vol-a").Replace("volume: vol-a\n", "").Replace("fiscal_year: 2022", "fiscal_year: 2024");

    [Fact]
    public void The_matrix_is_an_overview_of_counts_linking_to_each_volume_s_and_year_s_grid()
    {
        using var site = new FixtureSite(Site());
        Assert.True(site.Build().Success);
        var overview = site.Html("matrix/index.html");
        Assert.Empty(overview.QuerySelectorAll("main a[href^='/cases/']:not([href='/cases/'])"));   // no case rows: it grows with volumes, not cases
        var rows = overview.QuerySelectorAll("table.matrix tbody tr").ToList();
        Assert.Equal(3, rows.Count);   // vol-a, then the loose cases of 2024 and of 2019
        var volumeRow = rows[0];
        Assert.Equal("/volumes/vol-a/matrix/", volumeRow.QuerySelector("th a")!.GetAttribute("href"));
        // case count, then the seven elements: alpha has 1 and 2, bravo 2 and 5.
        Assert.Equal(["2", "1", "2", "0", "0", "1", "0", "0"], volumeRow.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("/matrix/2024/", rows[1].QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal("/matrix/2019/", rows[2].QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(["4", "2", "3", "0", "0", "1", "0", "1"], overview.QuerySelectorAll("tfoot td").Select(td => td.TextContent.Trim()));

        var grid = site.Html("volumes/vol-a/matrix/index.html");
        var gridRows = grid.QuerySelectorAll("tbody tr:not(.matrix__group)").ToList();
        Assert.Equal(["/cases/alpha/", "/cases/bravo/"], gridRows.Select(r => r.QuerySelector("th a")!.GetAttribute("href")));
        // A marked cell shows the basis glyph (✔ printed, ○ editorial), an unmarked one only hidden text.
        Assert.Equal([true, true, false, false, false, false, false], gridRows[0].QuerySelectorAll("td").Select(td => td.QuerySelector("span[aria-hidden]") is not null));
        Assert.Equal("/matrix/", grid.QuerySelector("main p a")!.GetAttribute("href"));

        var year = site.Html("matrix/2019/index.html");
        Assert.Equal(["/cases/old-one/"], year.QuerySelectorAll("tbody th a[href^='/cases/']").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void The_feed_carries_the_newest_entries_only()
    {
        using var site = new FixtureSite(Site("\n  feed_entries: 2"));
        Assert.True(site.Build().Success);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = XDocument.Parse(site.ReadOutput("feed.xml")).Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        // 2024 first, then the first case of 2022 in the site's order.
        Assert.EndsWith("/cases/new-one/", entries[0].Element(atom + "id")!.Value);
        Assert.EndsWith("/cases/alpha/", entries[1].Element(atom + "id")!.Value);
    }

    [Fact]
    public void The_feed_defaults_to_fifty_entries()
    {
        var cases = Enumerable.Range(1, 55).Select(i => FixtureSite.Case($"c{i:00}"));
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: []") + "\n" + string.Join("\n", cases));
        Assert.True(site.Build().Success);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(50, XDocument.Parse(site.ReadOutput("feed.xml")).Root!.Elements(atom + "entry").Count());
    }

    [Fact]
    public void The_sitemap_names_every_page_written()
    {
        using var site = new FixtureSite(PaginationTests.Site());
        Assert.True(site.Build().Success);
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var listed = XDocument.Parse(site.ReadOutput("sitemap.xml")).Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToHashSet();
        var pages = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Output, f).Replace('\\', '/'))
            .Where(f => f != "404.html" && !f.StartsWith("assets/", StringComparison.Ordinal))
            .Select(f => "/" + string.Join('/', f[..^"index.html".Length].Split('/').Select(Uri.EscapeDataString)))
            .ToList();
        Assert.Contains("/cases/page/2/", pages);
        Assert.Contains("/volumes/vol-a/matrix/", pages);
        foreach (var p in pages) Assert.Contains(p, listed);
        Assert.Equal(pages.Count, listed.Count);
    }

    [Fact]
    public void The_same_input_builds_byte_identical_pages_and_exports()
    {
        using var site = new FixtureSite(PaginationTests.Site());
        Assert.True(site.Build().Success);
        var first = Directory.EnumerateFiles(site.Output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(site.Output, f), File.ReadAllBytes);
        Assert.True(site.Build().Success);
        foreach (var (file, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(site.Output, file))), file);
    }

    /// <summary>A theme without the マイタグ layout has no /my/ page, so the sitemap does not name it.</summary>
    [Fact]
    public void The_sitemap_leaves_out_my_page_when_the_theme_has_no_such_layout()
    {
        using var site = new FixtureSite(Site());
        var theme = site.CopyShippedTheme();
        File.Delete(Path.Combine(theme, "layouts", "my.liquid"));
        var result = Casebook.Core.Pipeline.Run(new Casebook.Core.BuildOptions(site.Root, site.Output, ThemeDir: theme));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.False(site.OutputExists("my/index.html"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var listed = XDocument.Parse(site.ReadOutput("sitemap.xml")).Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
        Assert.Contains("/cases/alpha/", listed);
        Assert.DoesNotContain("/my/", listed);

        Assert.True(site.Build().Success);   // the shipped theme has the layout: the page exists and is listed
        Assert.True(site.OutputExists("my/index.html"));
        Assert.Contains("<loc>/my/</loc>", site.ReadOutput("sitemap.xml"));
    }
}
