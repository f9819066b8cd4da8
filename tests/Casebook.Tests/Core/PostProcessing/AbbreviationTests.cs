using Casebook.Core.Model;
using Casebook.Core.PostProcessing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.PostProcessing;

public class AbbreviationTests
{
    private static AbbreviationSet Set(params (string Abbr, string Expansion)[] entries) =>
        new(entries.Select(e => new AbbreviationTarget(new GlossaryEntry(e.Abbr, e.Expansion, "", "g.yml"), "/glossary/#g-" + e.Abbr.ToLowerInvariant())));

    private static AngleSharp.Dom.IDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    [Fact]
    public void Marks_first_use_only_and_links_to_glossary()
    {
        var r = Abbreviations.Apply("<p>CPで相談。CPに戻る。</p>", Set(("CP", "地域ケアプラザ")));
        var doc = Parse(r.Html);
        var abbrs = doc.QuerySelectorAll("abbr");
        Assert.Single(abbrs);
        Assert.Equal("地域ケアプラザ", abbrs[0].GetAttribute("title"));
        Assert.Equal("CP", abbrs[0].TextContent);
        Assert.Equal("/glossary/#g-cp", abbrs[0].ParentElement!.GetAttribute("href"));
        Assert.Equal("CPで相談。CPに戻る。", doc.Body!.TextContent);
        Assert.Single(r.Used);
    }

    [Fact]
    public void Skips_links_headings_and_code_then_marks_the_next_use()
    {
        var html = "<h2>CPの役割</h2><p><a href=\"/x/\">CPへ</a> <code>CP</code></p><pre>CP</pre><p>ここで CP が登場。</p>";
        var doc = Parse(Abbreviations.Apply(html, Set(("CP", "地域ケアプラザ"))).Html);
        Assert.Empty(doc.QuerySelectorAll("h2 abbr, a[href='/x/'] abbr, code abbr, pre abbr"));
        var abbr = Assert.Single(doc.QuerySelectorAll("abbr"));
        Assert.Equal("P", abbr.ParentElement!.ParentElement!.TagName);
        Assert.Contains("ここで", abbr.ParentElement!.ParentElement!.TextContent);
    }

    [Fact]
    public void Longest_abbreviation_wins_and_latin_needs_a_boundary()
    {
        var set = Set(("社協", "社会福祉協議会"), ("地区社協", "地区社会福祉協議会"), ("CP", "地域ケアプラザ"));
        var doc = Parse(Abbreviations.Apply("<p>CPUと地区社協。あとで社協。</p>", set).Html);
        var titles = doc.QuerySelectorAll("abbr").Select(a => a.TextContent + "=" + a.GetAttribute("title")).ToList();
        Assert.Equal(["地区社協=地区社会福祉協議会", "社協=社会福祉協議会"], titles);
    }

    [Fact]
    public void Kanji_abbreviation_inside_a_longer_compound_is_not_marked()
    {
        var set = Set(("協議会", "自立支援協議会"));
        var doc = Parse(Abbreviations.Apply("<p>地区社会福祉協議会と話し、その後「協議会」に出た。</p>", set).Html);
        var abbr = Assert.Single(doc.QuerySelectorAll("abbr"));
        Assert.Equal("「", abbr.ParentElement!.PreviousSibling!.TextContent[^1..]);
    }

    [Fact]
    public void Width_variants_are_recognised()
    {
        var doc = Parse(Abbreviations.Apply("<p>2層Coと話した。</p>", Set(("２層Co", "第２層生活支援コーディネーター"))).Html);
        Assert.Equal("2層Co", Assert.Single(doc.QuerySelectorAll("abbr")).TextContent);
    }

    [Fact]
    public void Html_without_abbreviations_is_returned_unchanged()
    {
        const string html = "<p>何もない<br />本文</p>";
        Assert.Same(html, Abbreviations.Apply(html, Set(("CP", "地域ケアプラザ"))).Html);
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
