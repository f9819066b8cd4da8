using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Rendering.Print;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The token path of the print pass must give the bytes the AngleSharp path gives.</summary>
public class HtmlFragmentTests
{
    internal static readonly AbbreviationSet Set = new(new (string Abbr, string Expansion)[]
        {
            ("CP", "地域ケアプラザ \"横浜\" & <市>"), ("社協", "社会福祉協議会"), ("地区社協", "地区社会福祉協議会"), ("２層Co", "第２層生活支援コーディネーター"),
        }
        .Select(e => new AbbreviationTarget(new GlossaryEntry(e.Abbr, e.Expansion, "", "g.yml"), "/glossary/?a=1&b=2#g-" + e.Abbr)));

    public static TheoryData<string> Markdown => new(Samples);

    private static readonly string[] Samples =
    [
        "CPと社協。地区社協とCP。",
        "## 社協の役割\n\n社協は \"CP\" と <連携> & 協力。\u00A0改行  \n次の行で CP。",
        "- 項目 CP\n- **社協** と *地区社協*\n  1. 入れ子 2層Co\n\n> 引用の中の CP\n>\n> 二段落目",
        "| 見出し | 右 | 中 |\n|:--|--:|:-:|\n| CP | 社協 | `CP` |\n| [CP](/x/) | ![画像 \"CP\"](/a.png \"題 CP\") | ~~社協~~ |",
        "本文[^1]で CP。\n\n[^1]: 注の中の社協。",
        "用語\n:   定義の中の CP\n\n```\nCP のコード\n<tag>\n```\n\n    インデントの CP\n\n---\n\nhttps://example.org/CP と ==社協== と H~2~O と 2^10^。",
        "1. 社協\n2. CP\n\n5. 五から\n6. 続き\n\na. 英字\nb. リスト",
        "&copy; &nbsp; &#8617; &amp; &lt;社協&gt; &quot;CP&quot;",
        "<div class=\"note\">生の HTML の CP</div>\n\n社協 <span>インライン</span> CP",
        "+---+---+\n| CP | 社協 |\n+===+===+\n| a | b |\n+---+---+",
        "# 見出し1\n\n##### 見出し5 {#custom}\n\n###### 見出し6\n\n[内部](#見出し1) と [用語](/glossary/#g-cp) と CP。",
        "",
    ];

    [Theory]
    [MemberData(nameof(Markdown))]
    public void Token_path_equals_AngleSharp_path(string markdown)
    {
        foreach (var allowRawHtml in new[] { false, true })
        {
            var renderer = new MarkdownRenderer("/", allowRawHtml);
            var plain = renderer.Render(markdown, "x.md", 1, new DiagnosticBag()).Html;
            var marked = renderer.Render(markdown, "x.md", 1, new DiagnosticBag(), Set).Html;
            foreach (var body in new[] { plain, marked })
            {
                static string? Local(string href) => href.Contains("#g-", StringComparison.Ordinal) ? href[href.IndexOf('#')..] : null;
                Assert.Equal(PrintBody.PrepareParsed(body, "case-1-", Local), PrintBody.Prepare(body, "case-1-", Local));
            }
        }
    }

    [Theory]
    [InlineData("<p>ok</p>")]
    [InlineData("<p>a<br />b<br>c</p>\n<hr />")]
    [InlineData("<ul>\n<li><p>x</p>\n<ul>\n<li>y</li>\n</ul>\n</li>\n</ul>")]
    public void Takes_Markdig_markup(string html) => Assert.True(HtmlFragment.Accepts(html));

    [Theory]
    [InlineData("<P>upper</P>")]
    [InlineData("<p>unclosed")]
    [InlineData("<p><div>block in paragraph</div></p>")]
    [InlineData("<a href=\"/x\"><a href=\"/y\">nested</a></a>")]
    [InlineData("<table><tr><td>implied tbody</td></tr></table>")]
    [InlineData("<table><tbody>text<tr></tr></tbody></table>")]
    [InlineData("<p><!-- comment --></p>")]
    [InlineData("<p class=x>unquoted</p>")]
    [InlineData("<p>&copy;</p>")]
    [InlineData("<p>a\r\nb</p>")]
    [InlineData("<pre>\ncode</pre>")]
    [InlineData("<p id=\"a\" id=\"b\">dup</p>")]
    [InlineData("<em><p>misnested</p></em>")]
    public void Refuses_markup_the_parser_would_reshape(string html)
    {
        Assert.False(HtmlFragment.Accepts(html));
        // …and the passes still give AngleSharp's result for it.
        Assert.Equal(PrintBody.PrepareParsed(html, "p-", _ => null), PrintBody.Prepare(html, "p-", _ => null));
    }

    /// <summary>The samples whose HTML is Markdig's own markup (not raw HTML, not a grid table's &lt;col&gt;).</summary>
    public static TheoryData<string> MarkdigMarkup => new(Samples
        .Where(m => !m.Contains("<div", StringComparison.Ordinal) && !m.Contains("+---", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(MarkdigMarkup))]
    public void Reader_writes_back_what_AngleSharp_serialises(string markdown)
    {
        var html = new MarkdownRenderer("/", allowRawHtml: false).Render(markdown, "x.md", 1, new DiagnosticBag(), Set).Html;
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var rewritten = HtmlFragment.Rewrite(html);
        Assert.NotNull(rewritten);
        Assert.Equal(document.Body!.InnerHtml, rewritten);
    }

    [Theory]
    [InlineData("<p><a href=\"/x\" title=\"t\" href=\"/y\">third repeats first</a></p>")]
    [InlineData("<p><a title=\"t\" href=\"/x\" href=\"/y\">third repeats second</a></p>")]
    [InlineData("<p><img src=\"/a.png\" alt=\"a\" loading=\"lazy\" alt=\"b\"></p>")]
    public void Refuses_a_repeated_attribute_anywhere_in_the_tag(string html)
    {
        Assert.False(HtmlFragment.Accepts(html));
        Assert.Equal(PrintBody.PrepareParsed(html, "p-", _ => null), PrintBody.Prepare(html, "p-", _ => null));
    }

    [Fact]
    public void Takes_distinct_attributes_sharing_a_prefix()
    {
        const string html = "<p><a href=\"/x\" hreflang=\"ja\" title=\"t\" title-x=\"u\">ok</a></p>";
        Assert.True(HtmlFragment.Accepts(html));
        Assert.Equal(PrintBody.PrepareParsed(html, "p-", _ => null), PrintBody.Prepare(html, "p-", _ => null));
    }

    [Fact]
    public void A_refused_fragment_leaves_nothing_behind_for_the_next()
    {
        // The pass writes into a buffer kept by the thread: a fragment refused half way, then a good one.
        const string refused = "<h2 id=\"a\">見出し</h2>\n<p>途中まで<!-- c --></p>";
        const string good = "<h2 id=\"b\">別の見出し</h2>\n<p><a href=\"#b\">戻る</a> &amp; <a href=\"/glossary/#g-cp\">CP</a></p>";
        static string? Local(string href) => href.Contains("#g-", StringComparison.Ordinal) ? href[href.IndexOf('#')..] : null;
        Assert.Equal(PrintBody.PrepareParsed(refused, "c-", Local), PrintBody.Prepare(refused, "c-", Local));
        var prepared = PrintBody.Prepare(good, "c-", Local);
        Assert.Equal(PrintBody.PrepareParsed(good, "c-", Local), prepared);
        Assert.Equal("<h3 id=\"c-b\">別の見出し</h3>\n<p><a href=\"#c-b\">戻る</a> &amp; <a href=\"#g-cp\">CP</a></p>", prepared);
    }

    [Fact]
    public void A_body_larger_than_the_kept_buffer_is_prepared_whole()
    {
        var body = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"<h2 id=\"s{i}\">節 {i} &lt;CP&gt;</h2>\n<p>本文\u00A0{i}</p>\n"));
        Assert.True(body.Length > 1 << 20);
        Assert.Equal(PrintBody.PrepareParsed(body, "c-", _ => null), PrintBody.Prepare(body, "c-", _ => null));
        Assert.Equal(PrintBody.PrepareParsed("<p>小</p>", "c-", _ => null), PrintBody.Prepare("<p>小</p>", "c-", _ => null));
    }
}
