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
            text += FixtureSite.Case(id, body: $"## きっかけ\n{sentence}\n\n## 取組の内容\nCPの職員が関わりました。[事例の一覧](/cases/)も見てください。\n\n" +
                "| 年度 | 相談件数 |\n|---|--:|\n| 令和3年度 | 120 |\n| 令和4年度 | 150 |\n").Replace($"title: 事例 {id}", $"title: {title}") + "\n";
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

        // Fonts, as poppler sees them: BIZ UD Mincho and Gothic only, CID TrueType, embedded and subset — no Type 3.
        var fonts = CliRunner.Tool("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+BIZUDP?(Mincho|Gothic)-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", f));
        Assert.Contains(fonts, f => f.Contains("BIZUDMincho", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("Gothic", StringComparison.Ordinal));
        // … and as the PDF's own font dictionaries say (read with PDFsharp).
        var dictionaries = PdfFonts.Read(pdf);
        Assert.Equal(fonts.Count, dictionaries.Count);
        Assert.All(dictionaries, f => Assert.True(f.PrintReady && f.Type == "CIDFontType2", f.ToString()));

        // Page numbers in the footer: page 2 reads "2 / N"; the running head is the volume's title.
        var page2 = CliRunner.Tool("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-");
        Assert.Matches($@"(^|\s)2\s*/\s*{pages}(\s|$)", page2);
        Assert.Contains("テスト事例集", page2);
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Document_info_names_the_volume_publisher_subject_keywords_casebook_and_japanese()
    {
        using var site = Site();
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        var info = CliRunner.Tool("pdfinfo", pdf);
        Assert.Matches(@"(?m)^Title:\s+テスト事例集$", info);
        Assert.Matches(@"(?m)^Author:\s+テスト市社協$", info);
        Assert.Matches(@"(?m)^Subject:\s+令和4年度・第6集、事例 3 件$", info);
        // The cases' elements (short labels, in order), then their themes.
        Assert.Matches(@"(?m)^Keywords:\s+担当業務を超えた課題をつなぐ、場・人・しかけ, 記録と共有, タクシー$", info);
        Assert.Matches(@"(?m)^Creator:\s+Casebook \d+\.\d+\.\d+$", info);
        Assert.DoesNotContain("HeadlessChrome", info);
        Assert.Matches(@"Tagged:\s+yes", info);

        using var document = PdfSharp.Pdf.IO.PdfReader.Open(pdf, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal("ja", document.Language);
        Assert.Equal("テスト事例集", document.Info.Title);
        Assert.Equal(PdfPublisher.Creator, document.Info.Creator);
        // The outline survives the update.
        Assert.Contains("タクシーで出かける買い物ツアー", CliRunner.Tool("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf));
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Print_settings_give_b5_paper_binding_margins_and_cases_on_right_hand_pages()
    {
        using var site = Site();
        site.Write("casebook.yml", File.ReadAllText(Path.Combine(site.Root, "casebook.yml")) +
            "\nprint:\n  paper: B5\n  margin:\n    top: 15mm\n    bottom: 25mm\n    inside: 30mm\n    outside: 10mm\n  start_cases_on_right: true\n");
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        // JIS B5 is 182 × 257 mm = 515.9 × 728.5 pt.
        Assert.Matches(@"Page size:\s+51[56](\.\d+)? x 72[89](\.\d+)? pts", CliRunner.Tool("pdfinfo", pdf));
        var xml = CliRunner.Tool("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf);
        var starts = Cases.Select(c => int.Parse(Regex.Match(xml, $"<item page=\"(\\d+)\">{Regex.Escape(c.Title)}</item>").Groups[1].Value)).ToList();
        Assert.All(starts, p => Assert.True(p % 2 == 1, $"a case starts on page {p}, a left-hand page: {string.Join(", ", starts)}"));

        // The binding edge (inside, 30 mm) is on the left of right-hand (odd) pages and on the right of left-hand ones.
        // Words of the body only: below the running head, above the page number.
        var pages = int.Parse(Regex.Match(CliRunner.Tool("pdfinfo", pdf), @"Pages:\s+(\d+)").Groups[1].Value);
        List<double> BodyWordsLeftMm(int page)
        {
            var bbox = CliRunner.Tool("pdftotext", "-bbox", "-f", page.ToString(), "-l", page.ToString(), pdf, "-");
            static double N(Group g) => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture);
            return Regex.Matches(bbox, "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\"")
                .Where(m => N(m.Groups[2]) is > 50 and < 650).Select(m => N(m.Groups[1]) / 72 * 25.4).ToList();
        }
        var body = Enumerable.Range(2, pages - 1)   // after the cover, whose lines are centred
            .Select(p => (Page: p, Left: BodyWordsLeftMm(p))).Where(p => p.Left.Count > 0).ToList();
        Assert.Contains(body, p => p.Page % 2 == 0);
        Assert.All(body.Where(p => p.Page % 2 == 1), p => Assert.InRange(p.Left.Min(), 29, 40));
        Assert.All(body.Where(p => p.Page % 2 == 0), p => Assert.InRange(p.Left.Min(), 9, 20));
        Assert.Contains(body, p => p.Page % 2 == 1 && p.Left.Min() < 31);
        Assert.Contains(body, p => p.Page % 2 == 0 && p.Left.Min() < 11);
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task A_theme_that_would_embed_type3_fonts_gets_no_pdf_and_is_told_which_packages_to_install()
    {
        using var site = Site();
        // A site theme whose print stylesheet asks for Noto Sans CJK (OpenType/CFF): Chromium would make it Type 3.
        site.CopyShippedTheme();
        site.Write("theme/assets/css/print.css", File.ReadAllText(Path.Combine(Repo.Theme, "assets/css/print.css"))
            .Replace("\"BIZ UDMincho\", serif", "\"Noto Sans CJK JP\"").Replace("\"BIZ UDPGothic\", sans-serif", "\"Noto Sans CJK JP\""));
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Type 3", run.Stderr);
        Assert.Contains("sudo apt-get install fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic", run.Stderr);
        Assert.False(File.Exists(pdf));
    }

    [Trait("Category", "Cli")]
    [Trait("Category", "Browser")]
    [Fact]
    public async Task Characters_the_print_fonts_lack_are_reported_where_they_are_as_errors_when_refused_else_warnings()
    {
        using var site = Site();
        var path = Path.Combine(site.Root, "input/cases/beta.md");
        var lines = File.ReadAllLines(path).ToList();
        var body = lines.FindIndex(l => l.StartsWith("民生委員と自治会", StringComparison.Ordinal));
        lines[body] = "皆さん笑顔😊でした。" + lines[body];
        File.WriteAllLines(path, lines);
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");

        // In body text Chromium falls back to an outline font: the PDF is written, with a warning at the character.
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.Equal(0, run.ExitCode);
        var warning = Assert.Single(Regex.Matches(run.Stdout + run.Stderr, @"(\S+)\((\d+),(\d+)\): (\w+) CB2101: 「(.+?)」"));
        Assert.EndsWith(Path.Combine("cases", "beta.md"), warning.Groups[1].Value);
        Assert.Equal(((body + 1).ToString(), "6", "warning", "😊"),
            (warning.Groups[2].Value, warning.Groups[3].Value, warning.Groups[4].Value, warning.Groups[5].Value));

        // In a heading it becomes a Type 3 font: no PDF, and the same place as an error, once per character.
        var heading = lines.FindIndex(l => l == "## きっかけ");
        lines[heading] = "## きっかけ😊";
        File.WriteAllLines(path, lines);
        File.Delete(pdf);
        run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(pdf));
        var error = Assert.Single(Regex.Matches(run.Stdout + run.Stderr, @"(\S+)\((\d+),(\d+)\): error CB2101: 「(.+?)」"));
        Assert.Equal(((heading + 1).ToString(), "8", "😊"), (error.Groups[2].Value, error.Groups[3].Value, error.Groups[4].Value));
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
