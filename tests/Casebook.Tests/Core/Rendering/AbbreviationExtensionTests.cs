using AngleSharp.Dom;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

public class AbbreviationExtensionTests
{
    private static RenderedMarkdown Render(string markdown, AbbreviationSet set, bool allowRawHtml = false) =>
        new MarkdownRenderer("/", allowRawHtml).Render(markdown, "x.md", 1, new DiagnosticBag(), set);

    private static (string Html, IReadOnlyList<AbbreviationTarget> Used) Apply(string markdown, AbbreviationSet set)
    {
        var r = Render(markdown, set);
        return (r.Html, r.Abbreviations);
    }

    private static AbbreviationSet Set(params (string Abbr, string Expansion)[] entries) =>
        new(entries.Select(e => new AbbreviationTarget(new GlossaryEntry(e.Abbr, e.Expansion, "", "g.yml"), "/glossary/#g-" + e.Abbr.ToLowerInvariant())));

    private static AngleSharp.Dom.IDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    [Fact]
    public void Marks_first_use_only_and_links_to_glossary()
    {
        var r = Apply("CPで相談。CPに戻る。", Set(("CP", "地域ケアプラザ")));
        var doc = Parse(r.Html);
        var abbrs = doc.QuerySelectorAll("abbr");
        Assert.Single(abbrs);
        Assert.Equal("地域ケアプラザ", abbrs[0].GetAttribute("title"));
        Assert.Equal("CP", abbrs[0].TextContent);
        Assert.Equal("/glossary/#g-cp", abbrs[0].ParentElement!.GetAttribute("href"));
        Assert.Equal("CPで相談。CPに戻る。", doc.Body!.TextContent.TrimEnd());
        Assert.Single(r.Used);
    }

    [Fact]
    public void Skips_links_headings_and_code_then_marks_the_next_use()
    {
        var html = "## CPの役割\n\n[CPへ](/x/) `CP`\n\n```\nCP\n```\n\nここで CP が登場。";
        var doc = Parse(Apply(html, Set(("CP", "地域ケアプラザ"))).Html);
        Assert.Empty(doc.QuerySelectorAll("h2 abbr, a[href='/x/'] abbr, code abbr, pre abbr"));
        var abbr = Assert.Single(doc.QuerySelectorAll("abbr"));
        Assert.Equal("P", abbr.ParentElement!.ParentElement!.TagName);
        Assert.Contains("ここで", abbr.ParentElement!.ParentElement!.TextContent);
    }

    [Fact]
    public void Longest_abbreviation_wins_and_latin_needs_a_boundary()
    {
        var set = Set(("社協", "社会福祉協議会"), ("地区社協", "地区社会福祉協議会"), ("CP", "地域ケアプラザ"));
        var doc = Parse(Apply("CPUと地区社協。あとで社協。", set).Html);
        var titles = doc.QuerySelectorAll("abbr").Select(a => a.TextContent + "=" + a.GetAttribute("title")).ToList();
        Assert.Equal(["地区社協=地区社会福祉協議会", "社協=社会福祉協議会"], titles);
    }

    [Fact]
    public void Kanji_abbreviation_inside_a_longer_compound_is_not_marked()
    {
        var set = Set(("協議会", "自立支援協議会"));
        var doc = Parse(Apply("地区社会福祉協議会と話し、その後「協議会」に出た。", set).Html);
        var abbr = Assert.Single(doc.QuerySelectorAll("abbr"));
        Assert.Equal("「", abbr.ParentElement!.PreviousSibling!.TextContent[^1..]);
    }

    [Fact]
    public void Width_variants_are_recognised()
    {
        var doc = Parse(Apply("2層Coと話した。", Set(("２層Co", "第２層生活支援コーディネーター"))).Html);
        Assert.Equal("2層Co", Assert.Single(doc.QuerySelectorAll("abbr")).TextContent);
    }

    [Fact]
    public void Text_without_abbreviations_renders_as_without_the_set()
    {
        const string markdown = "何もない  \n本文 \"引用\" & <b>太字</b>\n\n<div>生の HTML</div>";
        var plain = new MarkdownRenderer("/", true).Render(markdown, "x.md", 1, new DiagnosticBag());
        var marked = Render(markdown, Set(("CP", "地域ケアプラザ")), allowRawHtml: true);
        Assert.Equal(plain.Html, marked.Html);
        Assert.Empty(marked.Abbreviations);
    }

    [Fact]
    public void Raw_html_text_is_marked_but_not_inside_raw_links_or_code()
    {
        const string markdown = "<a href=\"/x/\">CPへ</a> と <code>社協</code>\n\n<div class=\"note\">\n囲みの CP と <kbd>地区社協</kbd>\n</div>\n\nあとで社協、地区社協。";
        foreach (var allowRawHtml in new[] { true, false })
        {
            var r = Render(markdown, Set(("CP", "地域ケアプラザ"), ("社協", "社会福祉協議会"), ("地区社協", "地区社会福祉協議会")), allowRawHtml);
            var doc = Parse(r.Html);
            Assert.Empty(doc.QuerySelectorAll("a[href='/x/'] abbr, code abbr, kbd abbr"));
            Assert.Equal(["CP", "社協", "地区社協"], doc.QuerySelectorAll("abbr").Select(a => a.TextContent));
            Assert.Equal("DIV", doc.QuerySelector("abbr")!.ParentElement!.ParentElement!.TagName);
            Assert.Equal(["CP", "社協", "地区社協"], r.Abbreviations.Select(t => t.Entry.Abbr));
        }
    }

    [Fact]
    public void Image_alt_text_is_never_marked_up()
    {
        var r = Render("![CPの外観](/a.png) CP。", Set(("CP", "地域ケアプラザ")));
        var doc = Parse(r.Html);
        Assert.Equal("CPの外観", doc.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("P", Assert.Single(doc.QuerySelectorAll("abbr")).ParentElement!.ParentElement!.TagName);
    }

    /// <summary>The marks fall where a walk over the rendered document's text (outside links, headings, code and
    /// abbreviations) finds each entry first, for every kind of Markdown and raw HTML.</summary>
    [Theory]
    [MemberData(nameof(HtmlFragmentTests.Markdown), MemberType = typeof(HtmlFragmentTests))]
    public void Marks_the_first_use_in_document_order(string markdown)
    {
        foreach (var allowRawHtml in new[] { false, true })
        {
            var renderer = new MarkdownRenderer("/", allowRawHtml);
            var expected = Parse(renderer.Render(markdown, "x.md", 1, new DiagnosticBag()).Html);
            var used = MarkByWalk(expected, HtmlFragmentTests.Set);
            var actual = renderer.Render(markdown, "x.md", 1, new DiagnosticBag(), HtmlFragmentTests.Set);
            Assert.Equal(expected.Body!.InnerHtml, Parse(actual.Html).Body!.InnerHtml);
            Assert.Equal(used, actual.Abbreviations.Select(t => t.Entry.Abbr));
        }
    }

    private static readonly HashSet<string> Unmarked = new(StringComparer.OrdinalIgnoreCase)
        { "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea" };

    private static List<string> MarkByWalk(IDocument document, AbbreviationSet set)
    {
        var seen = new HashSet<GlossaryEntry>();
        var used = new List<string>();
        var texts = new List<IText>();
        void Collect(INode node)
        {
            foreach (var child in node.ChildNodes)
                if (child is IText t) texts.Add(t);
                else if (child is IElement e && !Unmarked.Contains(e.LocalName)) Collect(e);
        }
        Collect(document.Body!);
        foreach (var text in texts)
        {
            var data = text.Data;
            var at = 0;
            foreach (System.Text.RegularExpressions.Match m in set.Pattern!.Matches(data))
            {
                var target = set.Lookup(m.Value);
                if (!seen.Add(target.Entry)) continue;
                used.Add(target.Entry.Abbr);
                text.Parent!.InsertBefore(document.CreateTextNode(data[at..m.Index]), text);
                var link = document.CreateElement("a");
                link.ClassName = "abbr";
                link.SetAttribute("href", target.Href);
                var abbr = document.CreateElement("abbr");
                abbr.SetAttribute("title", target.Entry.Expansion);
                abbr.TextContent = m.Value;
                link.AppendChild(abbr);
                text.Parent!.InsertBefore(link, text);
                at = m.Index + m.Length;
            }
            if (at > 0) text.Data = data[at..];
        }
        return used;
    }

    [Fact]
    public void Case_pages_use_the_volume_glossary_then_the_site_glossary()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n"
            + FixtureSite.Case("alpha", body: "## CPのしくみ\n[CPの案内](/cases/beta/)。CPと社協が連携する。\n\n`CP` と書く。\n")
            + FixtureSite.Case("beta", body: "## きっかけ\n社協とCPの話。\n") + "\n"
            + FixtureSite.Case("loose", volume: "\"\"", body: "## きっかけ\nCPと社協。\n").Replace("volume: \"\"\n", "") + "\n"
            + """
            -- input/glossary/vol-a.yml --
            title: 略字表記
            volume: vol-a
            entries:
              - abbr: CP
                expansion: 地域ケアプラザ
            -- input/glossary/general.yml --
            title: 用語集
            entries:
              - abbr: 社協
                expansion: 社会福祉協議会
              - abbr: CP
                expansion: コミュニティ・プレイス
            """);
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));

        var alpha = site.Html("cases/alpha/index.html");
        var body = alpha.QuerySelector(".case__body")!;
        Assert.Empty(body.QuerySelectorAll("h2 abbr, a[href='/cases/beta/'] abbr, code abbr"));
        var abbrs = body.QuerySelectorAll("abbr").ToList();
        Assert.Equal(["CP", "社協"], abbrs.Select(a => a.TextContent));
        Assert.Equal("地域ケアプラザ", abbrs[0].GetAttribute("title"));
        Assert.Equal("/volumes/vol-a/#g-cp", abbrs[0].ParentElement!.GetAttribute("href"));
        Assert.Equal("/glossary/#g-社協", abbrs[1].ParentElement!.GetAttribute("href"));
        // The targets exist: the volume page and the glossary page carry the anchors.
        Assert.NotNull(site.Html("volumes/vol-a/index.html").GetElementById("g-cp"));
        Assert.NotNull(site.Html("glossary/index.html").GetElementById("g-社協"));

        // A case outside any volume only sees the site-wide glossary.
        var loose = site.Html("cases/loose/index.html").QuerySelector(".case__body")!;
        Assert.Equal("コミュニティ・プレイス", loose.QuerySelector("abbr")!.GetAttribute("title"));
    }
}
