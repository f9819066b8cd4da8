using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The server-rendered self-check page: the form, the reading list of recommended cases, and the
/// data the browser script reads. All of it must work without JavaScript.</summary>
public class ChecklistPageTests
{
    private static string CaseFile(string id, string elements, string tags, string summary) => $"""
        -- input/cases/{id}.md --
        ---
        title: 事例 {id}
        organization: {id}市社会福祉協議会
        authors: [山田 花子]
        region: {"{"} prefecture: 神奈川県, city: 横浜市 {"}"}
        volume: vol-a
        fiscal_year: 2022
        elements: [{elements}]
        pillars: [生活支援]
        tags: [{tags}]
        summary: {summary}
        ---
        ## きっかけ
        本文です。
        """;

    private const string Checklist = """
        -- input/checklists/demo.yml --
        title: デモの自己チェック
        level: team
        audience: 地区のチーム
        description: 説明の文です。
        notes_label: 担っている人
        scale:
          - { id: done, label: できている, score: 2 }
          - { id: partly, label: 一部できている, score: 1, description: "半分ほど & ときどき" }
          - { id: not-yet, label: できていない, score: 0 }
          - { id: unknown, label: わからない }
        items:
          - id: a
            label: つなぐ場の項目
            guidance: 確かめること A
            good: 良い状態 A
            terms: [elements/1]
          - id: b
            label: 見守りの項目
            terms: [tags/見守り, elements/3]
          - id: c
            label: 事例のない項目
            terms: [elements/7]
        """;

    private static FixtureSite Site(string config = FixtureSite.Config) => new(
        config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]") + "\n" +
        CaseFile("alpha", "1", "見守り", "一つ目の要約です。二文目は出ません。") + "\n" +
        CaseFile("beta", "3", "見守り", "二つ目の要約です。") + "\n" +
        CaseFile("gamma", "2", "タクシー", "三つ目の要約です。") + "\n" +
        Checklist + "\n");

    private static AngleSharp.Dom.IDocument Build(FixtureSite site, string? baseUrl = null)
    {
        var result = site.Build(baseUrl);
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        return site.Html("checklists/demo/index.html");
    }

    [Fact]
    public void Form_has_a_fieldset_per_item_with_labelled_native_radios_target_and_notes()
    {
        using var site = Site();
        var doc = Build(site);
        var form = doc.GetElementById("checklist-form")!;
        var sets = form.QuerySelectorAll("fieldset.check-item");
        Assert.Equal(3, sets.Length);
        var labels = new[] { "つなぐ場の項目", "見守りの項目", "事例のない項目" };
        for (var i = 0; i < 3; i++)
        {
            var set = sets[i];
            Assert.Equal($"{i + 1}. {labels[i]}", set.QuerySelector("legend")!.TextContent.Trim());
            var radios = set.QuerySelectorAll("input[type=radio]");
            Assert.Equal(["done", "partly", "not-yet", "unknown"], radios.Select(r => r.GetAttribute("value")));
            foreach (var r in radios)
            {
                var label = r.Closest("label");
                Assert.NotNull(label);
                Assert.Contains(labels[i], label!.TextContent);
                Assert.Equal("answer-" + set.Id!["item-".Length..], r.GetAttribute("name"));
            }
            // Optional target: only levels with a score, plus "none".
            var select = set.QuerySelector("select")!;
            Assert.Equal(["", "done", "partly", "not-yet"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
            Assert.Contains(labels[i], doc.QuerySelector($"label[for='{select.Id}']")!.TextContent);
            var notes = set.QuerySelector("textarea")!;
            var notesLabel = doc.QuerySelector($"label[for='{notes.Id}']")!.TextContent;
            Assert.Contains("担っている人", notesLabel);
            Assert.Contains(labels[i], notesLabel);
        }
        Assert.Contains("確かめること A", sets[0].TextContent);
        // Scale guidance appears once, only for options that have a description.
        var guide = doc.QuerySelectorAll(".scale-guide div");
        Assert.Single(guide);
        Assert.Equal("一部できている", guide[0].QuerySelector("dt")!.TextContent);
        Assert.Equal("半分ほど & ときどき", guide[0].QuerySelector("dd")!.TextContent);
        Assert.Contains("「できている」の目安: 良い状態 A", sets[0].TextContent);
    }

    [Fact]
    public void Page_says_answers_stay_in_the_browser()
    {
        using var site = Site();
        var doc = Build(site);
        var note = doc.GetElementById("checklist-privacy")!.TextContent;
        Assert.Contains("ブラウザー", note);
        Assert.Contains("送信されません", note);
    }

    [Fact]
    public void Reading_list_links_cases_with_the_items_terms_best_match_first_with_a_why_line()
    {
        using var site = Site();
        var doc = Build(site);
        string[] Links(string item) => doc.QuerySelectorAll($"#rec-{item} .recommendations a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(["/cases/alpha/"], Links("a"));
        // beta has both of item b's terms, alpha only one: beta first. gamma has neither.
        Assert.Equal(["/cases/beta/", "/cases/alpha/"], Links("b"));
        Assert.Empty(Links("c"));
        Assert.Contains("事例はまだありません", doc.GetElementById("rec-c")!.TextContent);

        var why = doc.QuerySelectorAll("#rec-b .recommendations li .why").Select(w => w.TextContent).ToList();
        Assert.Contains("7つの要素「③ 相談の力量」", why[0]);
        Assert.Contains("テーマ「見守り」", why[0]);
        Assert.EndsWith("二つ目の要約です。", why[0]);
        Assert.DoesNotContain("二文目", doc.QuerySelector("#rec-a .why")!.TextContent);
        // The item's terms link to their term pages, where all cases are listed.
        Assert.Contains(doc.QuerySelectorAll("#rec-b .reading-item__terms a"), a => a.GetAttribute("href") == "/elements/3/");
    }

    [Fact]
    public void Data_for_the_script_matches_the_rendered_page_and_has_every_string_the_script_uses()
    {
        using var site = Site();
        var doc = Build(site);
        using var data = JsonDocument.Parse(doc.GetElementById("checklist-data")!.TextContent);
        var root = data.RootElement;
        Assert.Equal("demo", root.GetProperty("id").GetString());
        Assert.Equal("team", root.GetProperty("level").GetString());
        Assert.Equal("/", root.GetProperty("base_path").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("scale")[3].GetProperty("score").ValueKind);
        var recs = root.GetProperty("items")[1].GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("url").GetString()).ToList();
        Assert.Equal(["/cases/beta/", "/cases/alpha/"], recs);

        using var strings = JsonDocument.Parse(doc.GetElementById("checklist-strings")!.TextContent);
        var keys = strings.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var js = string.Concat(Directory.GetFiles(Path.Combine(Repo.Theme, "assets", "js"), "checklist*.js").Select(File.ReadAllText));
        var used = Regex.Matches(js, @"\bt\.(checklist_[a-z_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, k => Assert.Contains(k, keys));
    }

    [Fact]
    public void Page_obeys_the_content_security_policy_and_the_base_path()
    {
        using var site = Site();
        var doc = Build(site, "https://x.example/sub/");
        Assert.All(doc.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/" + (s.Id is null ? "ld+json" : "json"), s.GetAttribute("type")));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
        Assert.Contains(doc.QuerySelectorAll("script[type=module]"), s => s.GetAttribute("src") == "/sub/assets/js/checklist.js");
        Assert.Contains(doc.QuerySelectorAll("link[rel=stylesheet]"), s => s.GetAttribute("href") == "/sub/assets/css/checklist.css");
        Assert.All(doc.QuerySelectorAll(".recommendations a"), a => Assert.StartsWith("/sub/cases/", a.GetAttribute("href")));
        using var data = JsonDocument.Parse(doc.GetElementById("checklist-data")!.TextContent);
        Assert.Equal("/sub/", data.RootElement.GetProperty("base_path").GetString());
        Assert.True(site.OutputExists("assets/js/checklist-core.js"));
        Assert.True(site.OutputExists("assets/js/checklist-chart.js"));
    }

    [Fact]
    public void Team_checklists_get_a_missing_roles_section_and_others_do_not()
    {
        using var team = Site();
        Assert.NotNull(Build(team).GetElementById("missing-roles"));
        using var org = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]") + "\n" +
            CaseFile("alpha", "1", "見守り", "a") + "\n" + CaseFile("beta", "3", "見守り", "b") + "\n" + CaseFile("gamma", "2", "タクシー", "c") + "\n" +
            Checklist.Replace("level: team", "level: organization") + "\n");
        var doc = Build(org);
        Assert.Null(doc.GetElementById("missing-roles"));
        Assert.Contains("対象: 組織", doc.QuerySelector(".checklist-page .muted")!.TextContent);
    }

    [Fact]
    public void At_most_six_cases_are_recommended_per_item()
    {
        var cases = Enumerable.Range(1, 8).Select(i => CaseFile($"c{i}", "1", "見守り", $"要約{i}。")).ToList();
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [" + string.Join(", ", Enumerable.Range(1, 8).Select(i => $"c{i}")) + "]")
            + "\n" + string.Join("\n", cases) + "\n" + Checklist + "\n");
        var doc = Build(site);
        var links = doc.QuerySelectorAll("#rec-a .recommendations a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"/cases/c{i}/"), links);
    }
}
