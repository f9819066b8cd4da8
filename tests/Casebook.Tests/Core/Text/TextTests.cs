using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Text;

namespace Casebook.Tests.Core.Text;

public class WarekiTests
{
    [Theory]
    [InlineData(2022, "令和4年度")]
    [InlineData(2014, "平成26年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2018, "平成30年度")]
    [InlineData(1989, "平成元年度")]
    [InlineData(1988, "昭和63年度")]
    public void Fiscal_years_render_in_wareki(int year, string expected) =>
        Assert.Equal(expected, Wareki.FiscalYear(year));

    [Fact]
    public void Circled_numbers() => Assert.Equal("①③⑦", Wareki.CircledNumber(1) + Wareki.CircledNumber(3) + Wareki.CircledNumber(7));
}

public class NormalisationTests
{
    [Theory]
    [InlineData("ＩＣＴ", "ICT")]
    [InlineData(" ICT ", "ICT")]
    [InlineData("２層Ｃｏ", "2層Co")]
    [InlineData("見守り　活動", "見守り 活動")]
    public void Tags_are_nfkc_and_trimmed(string input, string expected) => Assert.Equal(expected, TextNormalizer.Tag(input));

    [Fact]
    public void Nearest_match_suggests_close_terms_only()
    {
        Assert.Equal("記録と共有", NearestMatch.Find("記録の共有", ["記録と共有", "相談の力量"]));
        Assert.Equal("yokohama-r4", NearestMatch.Find("yokohama-r5", ["yokohama-r4", "kanagawa-h26"]));
        Assert.Null(NearestMatch.Find("まったく関係ない語", ["記録と共有"]));
    }

    [Fact]
    public void Slugs_never_contain_path_separators()
    {
        Assert.Equal("神奈川県-横浜市", Permalinks.Slug("神奈川県 横浜市"));
        Assert.DoesNotContain("/", Permalinks.Slug("../../etc/passwd"));
        Assert.DoesNotContain("..", Permalinks.Slug("../../etc/passwd"));
        Assert.Equal("ict", Permalinks.Slug("ＩＣＴ"));
    }

    [Fact]
    public void Permalinks_respect_the_base_path_and_encode_segments()
    {
        var links = new Permalinks("/sub/");
        var p = links.For("tags", "タクシー");
        Assert.Equal("tags/タクシー/", p.Path);
        Assert.Equal("/sub/tags/%E3%82%BF%E3%82%AF%E3%82%B7%E3%83%BC/", p.Url);
        Assert.Equal("tags/タクシー/index.html", p.File);
    }

    [Fact]
    public void Diagnostics_print_in_msbuild_form()
    {
        var d = new Diagnostic(Severity.Error, "CB1201", "メッセージ", new SourceSpan("input/cases/a.md", 3, 5));
        Assert.Equal("input/cases/a.md(3,5): error CB1201: メッセージ", d.ToString());
        var w = new Diagnostic(Severity.Warning, "CB1103", "m", SourceSpan.File("casebook.yml"));
        Assert.Equal("casebook.yml: warning CB1103: m", w.ToString());
    }
}
