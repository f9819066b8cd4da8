using System.Text.Json;
using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

public class SiteBuildTests
{
    private static FixtureSite TwoCases(string extraAlpha = "", string bodyAlpha = "## きっかけ\n本文です。\n") => new(
        FixtureSite.Config + "\n" +
        FixtureSite.Case("alpha", extraAlpha, bodyAlpha) + "\n" +
        FixtureSite.Case("beta", "summary: 二つ目の事例の要約") + "\n");

    [Fact]
    public void Builds_case_pages_with_sections_element_grid_and_neighbours()
    {
        using var site = TwoCases(bodyAlpha: "## 取組のきっかけ\nはじめ\n\n## 取組の内容\nなかみ\n");
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));

        var doc = site.Html("cases/alpha/index.html");
        Assert.Equal("ja", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("事例 alpha", doc.QuerySelector("h1")!.TextContent);
        // Sections from ## headings, with anchors in the table of contents.
        var toc = doc.QuerySelectorAll(".case__toc a").Select(a => a.TextContent).ToList();
        Assert.Equal(["取組のきっかけ", "取組の内容"], toc);
        Assert.NotNull(doc.GetElementById("取組のきっかけ"));
        // 7-element grid: 7 rows, ① and ② marked.
        var rows = doc.QuerySelectorAll(".element-grid tr");
        Assert.Equal(7, rows.Length);
        Assert.Equal(2, doc.QuerySelectorAll(".element-grid tr.is-shown").Length);
        Assert.Contains("記録と共有", doc.QuerySelectorAll(".element-grid tr.is-shown")[1].TextContent);
        // Next in volume, and related by shared terms.
        Assert.Equal("/cases/beta/", doc.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(doc.QuerySelector(".pager a[rel=prev]"));
        Assert.Contains(doc.QuerySelectorAll(".related a"), a => a.GetAttribute("href") == "/cases/beta/");
        Assert.Contains("令和4年度", doc.QuerySelector(".case__meta")!.TextContent);
    }

    [Fact]
    public void Cases_json_follows_the_contract()
    {
        using var site = TwoCases();
        Assert.True(site.Build().Success);
        using var json = JsonDocument.Parse(site.ReadOutput("data/cases.json"));
        var arr = json.RootElement;
        Assert.Equal(JsonValueKind.Array, arr.ValueKind);
        Assert.Equal(2, arr.GetArrayLength());
        var a = arr[0];
        Assert.Equal("alpha", a.GetProperty("id").GetString());
        Assert.Equal("/cases/alpha/", a.GetProperty("url").GetString());
        Assert.Equal("事例 alpha", a.GetProperty("title").GetString());
        Assert.Equal("テスト市社会福祉協議会", a.GetProperty("organization").GetString());
        Assert.Equal(["山田 花子"], a.GetProperty("authors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("vol-a", a.GetProperty("volume").GetString());
        Assert.Equal(2022, a.GetProperty("fiscal_year").GetInt32());
        var region = a.GetProperty("region");
        Assert.Equal("神奈川県", region.GetProperty("prefecture").GetString());
        Assert.Equal("横浜市", region.GetProperty("city").GetString());
        Assert.Equal("中区", region.GetProperty("ward").GetString());
        Assert.Equal([1, 2], a.GetProperty("elements").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal(["生活支援"], a.GetProperty("pillars").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["タクシー"], a.GetProperty("tags").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void Two_builds_are_byte_identical()
    {
        using var site = TwoCases();
        Assert.True(site.Build().Success);
        var first = Snapshot(site.Output);
        Assert.True(site.Build().Success);
        var second = Snapshot(site.Output);
        Assert.Equal(first.Keys, second.Keys);
        foreach (var (k, v) in first) Assert.True(v.SequenceEqual(second[k]), $"{k} differs between builds");
        Assert.True(first.Count > 20);
    }

    private static SortedDictionary<string, byte[]> Snapshot(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public void Full_and_half_width_tags_are_one_term_with_counts()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" +
            FixtureSite.Case("alpha").Replace("tags: [タクシー]", "tags: [ＩＣＴ, タクシー]") + "\n" +
            FixtureSite.Case("beta").Replace("tags: [タクシー]", "tags: [\"ICT \"]") + "\n");
        Assert.True(site.Build().Success);
        var index = site.Html("tags/index.html");
        var ict = index.QuerySelectorAll(".term-index li").Where(li => li.TextContent.Contains("ICT")).ToList();
        Assert.Single(ict);
        Assert.Contains("2件", ict[0].TextContent);
        var term = site.Html("tags/ict/index.html");
        Assert.Equal(2, term.QuerySelectorAll(".case-card").Length);
    }

    [Fact]
    public void Taxonomy_term_volume_matrix_and_listing_pages_exist()
    {
        using var site = TwoCases();
        Assert.True(site.Build().Success);
        var element = site.Html("elements/2/index.html");
        Assert.Contains("記録と共有", element.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, element.QuerySelectorAll(".case-card").Length);
        Assert.Equal(7, site.Html("elements/index.html").QuerySelectorAll(".term-index li").Length);
        var volume = site.Html("volumes/vol-a/index.html");
        Assert.Contains("第6集", volume.QuerySelector(".cover")!.TextContent);
        Assert.Contains("令和4年度", volume.QuerySelector(".cover")!.TextContent);
        Assert.Equal(["/cases/alpha/", "/cases/beta/"], volume.QuerySelectorAll(".volume-toc a").Select(a => a.GetAttribute("href")));
        // The site-wide matrix is an overview (one row per volume); the ✔ grid of the volume's cases has its own page.
        Assert.Single(site.Html("matrix/index.html").QuerySelectorAll(".matrix tbody tr"));
        var matrix = site.Html("volumes/vol-a/matrix/index.html");
        Assert.Equal(2, matrix.QuerySelectorAll(".matrix tbody tr:not(.matrix__group)").Length);
        Assert.Equal("2", matrix.QuerySelectorAll(".matrix tfoot td")[0].TextContent);
        Assert.Equal("0", matrix.QuerySelectorAll(".matrix tfoot td")[2].TextContent);
        Assert.True(site.OutputExists("organizations/index.html"));
        Assert.True(site.OutputExists("regions/神奈川県-横浜市/index.html"));
        Assert.True(site.OutputExists("404.html"));
        var sitemap = site.ReadOutput("sitemap.xml");
        Assert.Contains("<loc>/cases/alpha/</loc>", sitemap);
        Assert.DoesNotContain("404", sitemap);
    }

    [Fact]
    public void Base_path_prefixes_every_link()
    {
        using var site = TwoCases(bodyAlpha: "[次へ](/cases/beta/)\n");
        Assert.True(site.Build(baseUrl: "https://example.org/casebook/").Success);
        var doc = site.Html("cases/alpha/index.html");
        var hrefs = doc.QuerySelectorAll("a[href], link[href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(h => !h.StartsWith('#') && h != "data:,").ToList();    // data:, the inline empty icon: no request
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.True(h.StartsWith("/casebook/") || h.StartsWith("https://example.org/casebook/"), h));
        Assert.Contains(doc.QuerySelectorAll(".case__body a"), a => a.GetAttribute("href") == "/casebook/cases/beta/");
    }

    [Fact]
    public void Drafts_are_left_out_unless_asked()
    {
        using var site = TwoCases(extraAlpha: "draft: true");
        Assert.True(site.Build().Success);
        Assert.False(site.OutputExists("cases/alpha/index.html"));
        Assert.DoesNotContain("alpha", site.ReadOutput("data/cases.json"));
        Assert.True(site.Build(drafts: true).Success);
        Assert.True(site.OutputExists("cases/alpha/index.html"));
    }

    [Fact]
    public void Front_matter_values_are_escaped_and_script_in_markdown_is_removed()
    {
        using var site = TwoCases(extraAlpha: "subtitle: \"<script>alert(1)</script>\"",
            bodyAlpha: "<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n[x](javascript:alert(4))\n");
        var result = site.Build();
        Assert.True(result.Success);
        var html = site.ReadOutput("cases/alpha/index.html");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.UnsafeHtmlRemoved);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.UnsafeLinkRemoved);
    }

    [Fact]
    public void Failed_build_leaves_the_previous_site_untouched()
    {
        using var site = TwoCases();
        Assert.True(site.Build().Success);
        var before = site.ReadOutput("cases/alpha/index.html");
        site.Write("input/cases/alpha.md", "---\ntitle: x\n");
        Assert.False(site.Build().Success);
        Assert.Equal(before, site.ReadOutput("cases/alpha/index.html"));
    }
}
