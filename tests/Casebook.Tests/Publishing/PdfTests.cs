using System.Text.RegularExpressions;
using Casebook.Publishing.Pdf;
using Casebook.Tests.Support;

namespace Casebook.Tests.Publishing;

/// <summary>`casebook pdf`: run as a process, inspected with poppler-utils (pdfinfo, pdftotext, pdftohtml, pdffonts).
/// In the browser collection so it does not start Chromium alongside the browser tests.</summary>
[Collection("browser")]
public class PdfTests
{
    private static readonly (string Id, string Title, string Sentence)[] Cases =
    [
        ("alpha", "タクシーで出かける買い物ツアー", "山や坂の多い地区で、サロンの参加者がタクシーで市場へ出かけました。"),
        ("beta", "団地の見守りネットワーク", "民生委員と自治会が、団地の一人暮らしの方を見守っています。"),
        ("gamma", "子ども食堂から広がる居場所", "子ども食堂の担い手が、高齢者の居場所づくりにも加わりました。"),
    ];

    private static FixtureSite Site()
    {
        // Under a base path, so the loopback server must serve /sub/…; the footer page numbers only appear when print.css loaded.
        var text = FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]")
            .Replace("site:\n  title: テストサイト", "site:\n  title: テストサイト\n  base_url: https://example.org/sub/") + "\n";
        foreach (var (id, title, sentence) in Cases)
            text += FixtureSite.Case(id, body: $"## きっかけ\n{sentence}\n\n## 取組の内容\nCPの職員が関わりました。[事例の一覧](/cases/)も見てください。\n").Replace($"title: 事例 {id}", $"title: {title}") + "\n";
        text += """
            -- input/glossary/vol-a.yml --
            title: 略字表記
            volume: vol-a
            entries:
              - abbr: CP
                expansion: 地域ケアプラザ
            -- input/volumes/vol-a.md --
            ---
            colophon: |
              発行 テスト市社会福祉協議会
            ---
            この事例集は、地域の取組を紹介します。
            """;
        return new FixtureSite(text);
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Pdf_has_a_page_per_case_japanese_text_outline_fonts_and_page_numbers()
    {
        using var site = Site();
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.True(File.Exists(pdf));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 5));

        var info = CliRunner.Tool("pdfinfo", pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
        Assert.True(pages >= Cases.Length + 2, $"{pages} pages: cover, contents and one or more per case expected");
        Assert.Matches(@"Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)", info);
        Assert.Matches(@"Tagged:\s+yes", info);

        // Japanese survives extraction: titles and body sentences, and the glossary expansion.
        var text = CliRunner.Tool("pdftotext", "-enc", "UTF-8", pdf, "-");
        foreach (var (_, title, sentence) in Cases)
        {
            Assert.Contains(title, text);
            Assert.Contains(sentence, text.Replace("\n", ""));
        }
        Assert.Contains("地域ケアプラザ", text);

        // The outline (bookmarks) lists every case, in order, each on a later page than the one before.
        var xml = CliRunner.Tool("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf);
        var outline = Regex.Matches(xml, "<item page=\"(\\d+)\">([^<]*)</item>").Select(m => (Page: int.Parse(m.Groups[1].Value), Title: System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var casePages = Cases.Select(c => outline.FirstOrDefault(o => o.Title == c.Title)).ToList();
        Assert.All(casePages, p => Assert.True(p.Page > 0, "case missing from the outline: " + string.Join(" | ", outline.Select(o => o.Title))));
        Assert.True(casePages.Zip(casePages.Skip(1)).All(p => p.First.Page < p.Second.Page), "each case starts on a new page");

        // Fonts are embedded.
        var fonts = CliRunner.Tool("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", f));

        // Page numbers in the footer: page 2 reads "2 / N".
        var page2 = CliRunner.Tool("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-");
        Assert.Matches($@"(^|\s)2\s*/\s*{pages}(\s|$)", page2);
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Links_point_at_the_published_site_and_source_date_epoch_makes_the_pdf_reproducible()
    {
        using var site = Site();
        var env = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        var pdfs = new List<byte[]>();
        foreach (var name in new[] { "a.pdf", "b.pdf" })
        {
            var pdf = Path.Combine(site.Root, "out", name);
            var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf], environment: env);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            pdfs.Add(File.ReadAllBytes(pdf));
        }
        var raw = System.Text.Encoding.Latin1.GetString(pdfs[0]);
        var uris = Regex.Matches(raw, @"/URI \(([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("https://example.org/sub/cases/", uris);
        Assert.DoesNotContain(uris, u => u.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.Contains("/CreationDate (D:20231114221320+00'00')", raw);
        Assert.True(pdfs[0].SequenceEqual(pdfs[1]), "two PDFs of the same site differ");
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Without_a_base_url_links_to_other_pages_are_dropped_not_pointed_at_the_temporary_server()
    {
        using var site = Site();
        site.Write("casebook.yml", File.ReadAllText(Path.Combine(site.Root, "casebook.yml")).Replace("  base_url: https://example.org/sub/\n", ""));
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var raw = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        Assert.DoesNotContain("/URI (http", raw);
        Assert.Contains("事例の一覧", CliRunner.Tool("pdftotext", "-enc", "UTF-8", pdf, "-"));
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Missing_chromium_names_the_debian_package_and_exits_2()
    {
        using var site = Site();
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", Path.Combine(site.Root, "x.pdf")],
            environment: new Dictionary<string, string> { ["CASEBOOK_CHROMIUM"] = "/nonexistent/chromium" });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("apt-get install chromium", run.Stderr);
        Assert.False(File.Exists(Path.Combine(site.Root, "x.pdf")));
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Unknown_volume_is_a_usage_error_with_a_suggestion()
    {
        using var site = Site();
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-b"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("vol-b", run.Stderr);
        Assert.Contains("vol-a", run.Stderr);
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Content_errors_stop_the_pdf_with_exit_1()
    {
        using var site = Site();
        site.Write("input/cases/broken.md", "---\norganization: x\nfiscal_year: 2022\nvolume: vol-a\n---\n本文\n");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", Path.Combine(site.Root, "x.pdf")]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.md", run.Stdout + run.Stderr);
    }

    [Fact]
    public void A_built_site_is_reused_only_while_it_is_newer_than_every_source()
    {
        using var site = Site();
        Assert.True(site.Build().Success);
        var print = Path.Combine(site.Output, "volumes", "vol-a", "print", "index.html");
        var built = File.GetLastWriteTimeUtc(print);
        foreach (var f in Directory.EnumerateFiles(site.Root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(site.Output)))
            File.SetLastWriteTimeUtc(f, built.AddMinutes(-1));
        Assert.True(PdfPublisher.IsUpToDate(site.Root, print, Repo.Theme));
        File.SetLastWriteTimeUtc(Path.Combine(site.Root, "input", "cases", "beta.md"), built.AddMinutes(1));
        Assert.False(PdfPublisher.IsUpToDate(site.Root, print, Repo.Theme));
    }

    [Theory]
    [InlineData("<link rel=\"stylesheet\" href=\"/assets/css/print.css\">", "/")]
    [InlineData("<link rel=\"stylesheet\" href=\"/sub/dir/assets/css/print.css\">", "/sub/dir/")]
    [InlineData("<p>no stylesheet</p>", "/")]
    public void Base_path_is_read_from_the_print_stylesheet_link(string html, string expected) =>
        Assert.Equal(expected, PdfPublisher.BasePathOf(html));
}
