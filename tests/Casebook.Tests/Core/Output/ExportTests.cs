using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Output;

/// <summary>Volume pages, the archive, CSV/JSON exports, the Atom feed, the sitemap and case metadata.</summary>
public class ExportTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly FixtureSite _site;

    public ExportTests()
    {
        var config = FixtureSite.Config.Replace("site:\n  title: テストサイト", "site:\n  title: テストサイト\n  base_url: https://example.org/sub/\n  author: 編集室") + """

              - id: vol-old
                title: 古い事例集
                publisher: 旧市社協
                fiscal_year: 2014
                cases: [old-one]
            """;
        _site = new FixtureSite(config + "\n"
            + FixtureSite.Case("alpha", "summary: \"タクシーで買い物へ, \\\"ツアー\\\"\"") + "\n"
            + FixtureSite.Case("beta") + "\n"
            + FixtureSite.Case("old-one", volume: "vol-old").Replace("fiscal_year: 2022", "fiscal_year: 2014") + "\n"
            + """
            -- input/volumes/vol-a.md --
            ---
            foreword_title: はじめに
            contributors:
              - name: 山田 太郎
                organization: テスト市社協
                role: 委員長
            colophon: |
              令和5年3月発行
              テスト市社会福祉協議会
            ---
            前書きの本文です。
            -- input/assets/volumes/vol-a.pdf --
            %PDF-1.4 (made by casebook pdf)
            -- input/glossary/vol-a.yml --
            title: 略字表記
            volume: vol-a
            entries:
              - abbr: CP
                expansion: 地域ケアプラザ
            """);
        var r = _site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
    }

    public void Dispose() => _site.Dispose();

    private byte[] Bytes(string path) => File.ReadAllBytes(Path.Combine(_site.Output, path));

    [Theory]
    [InlineData("volumes/vol-a/vol-a-cases.csv", new[] { "alpha", "beta" })]
    [InlineData("data/cases.csv", new[] { "alpha", "beta", "old-one" })]
    public void Csv_starts_with_a_bom_and_parses(string path, string[] ids)
    {
        var bytes = Bytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ParseCsv(new UTF8Encoding(false).GetString(bytes[3..]));
        var header = rows[0];
        Assert.Equal("番号", header[0]);
        Assert.True(rows.Skip(1).All(r => r.Count == header.Count), "every row has as many fields as the header");
        Assert.Equal(ids, rows.Skip(1).Select(r => r[header.IndexOf("ID")]));
        var alpha = rows.Single(r => r[header.IndexOf("ID")] == "alpha");
        Assert.Equal("1", alpha[0]);
        Assert.Equal("事例 alpha", alpha[header.IndexOf("題名")]);
        Assert.Equal("令和4年度", alpha[header.IndexOf("和暦")]);
    }

    [Fact]
    public void Volume_json_lists_its_cases_in_order()
    {
        using var doc = JsonDocument.Parse(Bytes("volumes/vol-a/vol-a-cases.json"));
        Assert.Equal(["alpha", "beta"], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("タクシーで買い物へ, \"ツアー\"", doc.RootElement[0].GetProperty("summary").GetString());
        using var all = JsonDocument.Parse(Bytes("data/cases.json"));
        Assert.Equal(3, all.RootElement.GetArrayLength());
    }

    [Fact]
    public void Feed_is_atom_with_required_elements_newest_volume_first()
    {
        var feed = XDocument.Parse(_site.ReadOutput("feed.xml")).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        void Required(XElement e, params string[] names)
        {
            foreach (var n in names) Assert.True(e.Element(Atom + n) is { } x && x.Value.Trim().Length > 0, $"<{n}> missing in <{e.Name.LocalName}>");
        }
        Required(feed, "id", "title", "updated");
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
        Assert.Equal("https://example.org/sub/feed.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        foreach (var e in entries)
        {
            Required(e, "id", "title", "updated");
            DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture);
            Assert.StartsWith("https://example.org/sub/cases/", e.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value);
            Assert.All(e.Elements(Atom + "category"), c => Assert.StartsWith("https://", c.Attribute("scheme")?.Value ?? "https://"));
        }
        Assert.Equal(entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count(), entries.Count);
        Assert.Equal(["事例 alpha", "事例 beta", "事例 old-one"], entries.Select(e => e.Element(Atom + "title")!.Value));
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Sitemap_lists_every_page()
    {
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = XDocument.Parse(_site.ReadOutput("sitemap.xml")).Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToHashSet();
        var pages = Directory.EnumerateFiles(_site.Output, "index.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_site.Output, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Select(d => "https://example.org/sub/" + (d == "." ? "" : string.Join('/', d.Split('/').Select(Uri.EscapeDataString)) + "/"));
        Assert.All(pages, p => Assert.Contains(p, locs));
        Assert.Contains("https://example.org/sub/volumes/vol-a/print/", locs);
    }

    [Fact]
    public void Case_pages_carry_opengraph_and_json_ld()
    {
        var doc = _site.Html("cases/alpha/index.html");
        string Og(string p) => doc.QuerySelector($"meta[property='og:{p}']")?.GetAttribute("content") ?? "";
        Assert.Equal("事例 alpha", Og("title"));
        Assert.Equal("article", Og("type"));
        Assert.Equal("https://example.org/sub/cases/alpha/", Og("url"));
        Assert.Equal("テストサイト", Og("site_name"));
        Assert.Equal("タクシーで買い物へ, \"ツアー\"", Og("description"));
        using var ld = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("Article", ld.RootElement.GetProperty("@type").GetString());
        Assert.Equal("事例 alpha", ld.RootElement.GetProperty("headline").GetString());
        Assert.Equal("https://example.org/sub/cases/alpha/", ld.RootElement.GetProperty("url").GetString());
        Assert.Equal("テスト事例集", ld.RootElement.GetProperty("isPartOf").GetProperty("name").GetString());
    }

    [Fact]
    public void Volume_page_has_cover_foreword_contents_glossary_roster_colophon_and_downloads()
    {
        var doc = _site.Html("volumes/vol-a/index.html");
        var cover = doc.QuerySelector(".cover")!.TextContent;
        Assert.Contains("テスト事例集", cover);
        Assert.Contains("第6集", cover);
        Assert.Contains("令和4年度", cover);
        Assert.Contains("テスト市社協", cover);
        Assert.Contains("前書きの本文です。", doc.QuerySelector(".foreword")!.TextContent);
        var toc = doc.QuerySelectorAll(".volume-toc li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, toc.Count);
        Assert.Contains("事例1", toc[0]);
        Assert.Contains("事例 alpha", toc[0]);
        Assert.Contains("事例2", toc[1]);
        Assert.NotNull(doc.GetElementById("g-cp"));
        Assert.Contains("山田 太郎", doc.QuerySelector("table.roster")!.TextContent);
        Assert.Contains("令和5年3月発行", doc.QuerySelector(".colophon")!.TextContent);
        var hrefs = doc.QuerySelectorAll(".volume-actions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/sub/volumes/vol-a/print/", "/sub/assets/volumes/vol-a.pdf", "/sub/volumes/vol-a/vol-a-cases.csv", "/sub/volumes/vol-a/vol-a-cases.json"], hrefs);
        // Only a volume whose PDF was placed in input/assets/volumes/ offers it.
        Assert.Empty(_site.Html("volumes/vol-old/index.html").QuerySelectorAll(".volume-actions a[href$='.pdf']"));
    }

    [Fact]
    public void Archive_lists_volumes_by_fiscal_year_newest_first()
    {
        var doc = _site.Html("volumes/index.html");
        var years = doc.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.Equal(2, years.Count);
        Assert.StartsWith("令和4年度", years[0]);
        Assert.StartsWith("平成26年度", years[1]);
        Assert.Equal(["/sub/volumes/vol-a/", "/sub/volumes/vol-old/"], doc.QuerySelectorAll(".volume-list a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Print_edition_contains_every_case_with_local_glossary_links()
    {
        var doc = _site.Html("volumes/vol-a/print/index.html");
        Assert.Equal(["case-alpha", "case-beta"], doc.QuerySelectorAll("article.print-case").Select(a => a.Id));
        Assert.Equal("/sub/assets/css/print.css", doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Null(doc.QuerySelector("script"));
        Assert.NotNull(doc.QuerySelector(".print-glossary #g-cp"));
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { }
            else if (ch == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = new(); }
            else field.Append(ch);
        }
        Assert.False(quoted, "unterminated quoted field");
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
