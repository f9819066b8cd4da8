using AngleSharp.Dom;

namespace Casebook.Tests.Content;

/// <summary>The Chiba training material (seed 003), the glossary entries the content relies on, and the
/// smaller corrections: what a reader sees on the built pages.</summary>
public class ChibaAndGlossaryTests(SampleSite site) : IClassFixture<SampleSite>
{
    private static Dictionary<string, string> TableRows(IElement table) =>
        table.QuerySelectorAll("tbody tr").ToDictionary(tr => tr.Children[0].TextContent.Trim(), tr => tr.Children[1].TextContent.Trim());

    [Fact]
    public void Consultation_figures_of_the_kikan_centre_for_reiwa_4_are_exact()
    {
        var page = site.Html("pages/chiba-kikan-soudan/index.html");
        var table = page.QuerySelectorAll(".prose table").Single(t => t.TextContent.Contains("相談者"));
        Assert.Equal(new Dictionary<string, string> { ["本人"] = "63名", ["家族"] = "62名", ["関係機関"] = "146名", ["その他"] = "5名" }, TableRows(table));
        var text = page.QuerySelector(".prose")!.TextContent;
        Assert.Contains("令和4年度", text);
        Assert.Contains("39の市町村", text);
        Assert.Contains("令和5年4月現在", text);
        Assert.Contains("山武郡市基幹相談支援センター（さんサポ）", text);
        // The four roles of the national picture.
        var roles = TableRows(page.QuerySelectorAll(".prose table").Single(t => t.TextContent.Contains("地域移行・地域定着"))).Keys;
        Assert.Equal(["総合相談・専門相談", "地域移行・地域定着", "権利擁護・虐待防止", "地域の相談支援体制の強化"], roles);
        // The high-school awareness classes.
        Assert.Contains("「地域福祉事業の実際について～心の健康のために～」", text);
        Assert.True(page.QuerySelectorAll(".prose li").Count(li => li.ParentElement!.PreviousElementSibling?.TextContent.Contains("学習カード") == true) >= 8);
    }

    [Fact]
    public void The_three_layer_council_and_the_sanbu_chart_are_text_and_tables_not_an_image()
    {
        var page = site.Html("pages/chiba-jiritsu-shien-kyogikai/index.html");
        var prose = page.QuerySelector(".prose")!;
        Assert.Empty(prose.QuerySelectorAll("img, svg, object, iframe"));
        var layers = prose.QuerySelectorAll("table").Single(t => t.TextContent.Contains("個別支援会議") && t.TextContent.Contains("定例会"));
        Assert.Equal(["個別支援会議", "事務局会議", "定例会（全体会）"], layers.QuerySelectorAll("tbody tr").Select(tr => tr.Children[1].TextContent.Trim()));
        var headings = prose.QuerySelectorAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["個別支援会議", "事務局会議", "専門部会", "山武圏域障害者差別解消支援地域協議会", "全体会", "圏域全体の事業所を対象にした取組"], headings);
        var committees = prose.QuerySelectorAll("table").Single(t => t.TextContent.Contains("部会長"));
        Assert.Equal(["就労部会 押尾 渓介", "相談支援部会 中西 亜紀", "障害児部会 加藤 直樹"],
            committees.QuerySelectorAll("tbody tr").Select(tr => tr.Children[0].TextContent.Trim() + " " + tr.Children[2].TextContent.Trim()));
        var text = prose.TextContent;
        foreach (var fact in new[] { "2023年9月1日", "大越 将司", "吉井 稔", "第88条第8項・第89条第6項", "2015年11月26日", "2016年6月30日", "1か月ごと" })
            Assert.Contains(fact, text);
    }

    [Fact]
    public void The_lesson_covers_generalist_social_work_subsidiarity_and_the_four_benefits_of_neighbourly_help()
    {
        var page = site.Html("lessons/community-based-social-work/index.html");
        var text = page.Body!.TextContent;
        foreach (var s in new[] { "ジェネラリスト・ソーシャルワーク", "1990年以降", "本人の生活の場で展開する援助", "援助対象の拡大", "予防的かつ積極的アプローチ",
                     "ネットワークによる連携と協働", "補完性の原理", "フォーマルの限界は新たな社会資源で補う", "地域内の問題解決力が高まる",
                     "地域内の相互理解が深まる", "地域内の社会関係が広がる", "担い手の自己肯定感が高まる" })
            Assert.Contains(s, text);
        // Its explanations of the four features are the editors' words, and say so.
        Assert.True(page.QuerySelectorAll("div.editorial").Length >= 5);
        // The Chiba case leads to the new material.
        var links = site.Html("cases/chiba-hot-station/index.html").QuerySelectorAll(".case__body a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/pages/chiba-jiritsu-shien-kyogikai/", links);
        Assert.Contains("/pages/chiba-kikan-soudan/", links);
        Assert.Contains("/lessons/community-based-social-work/", links);
    }

    [Theory]
    [InlineData("地区支援チーム", "cases/chigasaki-coordinator/index.html")]
    [InlineData("コーディネーター（専門員）", "cases/chigasaki-coordinator/index.html")]
    [InlineData("コーディネーター（けん引役）", "cases/chigasaki-coordinator/index.html")]
    [InlineData("ケアネット活動", "cases/symposium-himi/index.html")]
    [InlineData("ふくし相談サポートセンター", "cases/symposium-himi/index.html")]
    [InlineData("支え合いコーディネーター", "cases/symposium-tokai/index.html")]
    public void Glossary_terms_are_defined_and_linked_where_a_case_uses_them(string term, string casePage)
    {
        var entry = GlossaryEntry(term);
        var anchor = entry.Id!;
        var link = site.Html(casePage).QuerySelectorAll(".case__body a.abbr").FirstOrDefault(a => a.GetAttribute("href")!.EndsWith("/glossary/#" + anchor, StringComparison.Ordinal));
        Assert.True(link is not null, $"{casePage} does not link 「{term}」 to the glossary");
        Assert.Equal(term, link!.TextContent);
    }

    [Fact]
    public void Leader_layer_is_defined_and_used_by_the_pages_written_for_it()
    {
        Assert.Contains("役職にかかわらず", GlossaryEntry("リーダー層").TextContent);
        Assert.Contains("リーダー層", site.Html("checklists/seven-elements/index.html").Body!.TextContent);
        Assert.Contains("リーダー層", site.Html("pages/kanagawa-leader-advice/index.html").QuerySelector(".prose")!.TextContent);
    }

    private IElement GlossaryEntry(string term)
    {
        var page = site.Html("glossary/index.html");
        var entry = page.QuerySelectorAll("[id^='g-']").FirstOrDefault(e => e.QuerySelector("dt")?.TextContent.Trim() == term || e.TextContent.Trim().StartsWith(term, StringComparison.Ordinal));
        Assert.True(entry is not null, $"「{term}」 is not in the glossary");
        Assert.True(entry!.TextContent.Length > term.Length + 20, $"「{term}」 has no explanation");
        return entry;
    }

    [Fact]
    public void Corrections_from_the_seeds_hold()
    {
        Assert.Equal("多機関協働における中核的役割について", site.Html("cases/symposium-tokai/index.html").QuerySelector("h1")!.TextContent.Trim());
        var checklist = site.Html("checklists/csw-functions/index.html").Body!.TextContent;
        Assert.Contains("相談支援従事者", checklist);
        Assert.DoesNotContain("生活支援コーディネーター（CSW）", checklist);
        var chiba = site.Html("cases/chiba-hot-station/index.html").QuerySelector(".case__meta")!.TextContent;
        Assert.Contains("千葉県 山武圏域", chiba);
        var kohoku = site.Html("cases/yokohama-kohoku/index.html").QuerySelector(".case__body")!.TextContent;
        Assert.Contains("「ゆずの樹」", kohoku);
        Assert.Contains("「ふらっと」", kohoku);
        var chigasaki = site.Html("cases/kanagawa-chigasaki/index.html").QuerySelector(".case__body")!.TextContent;
        Assert.DoesNotContain("参加も求められます", chigasaki);
        Assert.Contains("参加を呼びかけることもできます", chigasaki);
    }

    [Fact]
    public void Editorial_readings_in_the_sample_content_are_marked()
    {
        foreach (var id in new[] { "kanagawa-yokosuka", "kanagawa-yamato", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-miura", "kanagawa-hayama" })
        {
            var body = site.Html($"cases/{id}/index.html").QuerySelector(".case__body")!;
            var heading = body.QuerySelectorAll("h2").Single(h => h.TextContent.Contains("7つの要素から見たポイント"));
            var note = heading.NextElementSibling!;
            Assert.True(note.ClassList.Contains("editorial"), $"{id}: the reasons after 「7つの要素から見たポイント」 are not marked editorial");
            Assert.NotEmpty(note.QuerySelectorAll("li"));
        }
        var mito = site.Html("lessons/mito-komon/index.html");
        var notes = mito.QuerySelectorAll("div.editorial").Select(n => n.TextContent).ToList();
        Assert.Equal(4, notes.Count(n => n.Contains("地域に置きかえると、")));
        // No 地域に置きかえると is left outside a note.
        var outside = mito.QuerySelectorAll("p").Where(p => p.TextContent.Contains("地域に置きかえると") && p.Closest("div.editorial") is null && !p.TextContent.Contains("元の資料にはなく"));
        Assert.Empty(outside);
    }
}
