using Casebook.Core;
using Casebook.Core.Incremental;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Incremental;

/// <summary>An incremental rebuild after one case edit must produce exactly what a full build produces.</summary>
public class IncrementalSiteTests
{
    private static string Site() => FixtureSite.Config + "\n"
        + FixtureSite.Case("alpha", "id: alpha") + "\n"
        + FixtureSite.Case("beta") + "\n"
        + FixtureSite.Case("gamma", "", "## 本文\n[alpha へ](/cases/alpha/)\n") + "\n"
        + FixtureSite.Case("delta", "", volume: "vol-a").Replace("tags: [タクシー]", "tags: [見守り, タクシー]") + "\n"
        + FixtureSite.Case("loose", "", volume: "vol-a").Replace("volume: vol-a\n", "") + "\n"
        + FixtureSite.Case("aaa", "", volume: "vol-a").Replace("tags: [タクシー]", "tags: [最初]") + "\n"
        + FixtureSite.Case("privy", "", "## 連絡\n電話 045-123-4567 まで。\n") + "\n"
        + """
        -- input/lessons/l1.md --
        ---
        title: 教材
        related_cases: [alpha]
        ---
        本文
        -- input/cases/other-org.md --
        ---
        title: 別の組織の事例
        organization: 別の町社会福祉協議会
        region: { prefecture: 静岡県, city: 浜松市 }
        fiscal_year: 2021
        elements: [3]
        pillars: [見守り・つながり]
        tags: [孤立]
        ---
        ## 本文
        ほかの組織の本文。
        -- input/glossary/general.yml --
        title: 用語集
        entries:
          - abbr: CSW
            expansion: コミュニティソーシャルワーカー
        -- input/checklists/self.yml --
        title: 自己点検
        level: organization
        scale:
          - { id: done, label: できている, score: 1 }
          - { id: not-yet, label: できていない, score: 0 }
        items:
          - id: a
            label: 見守りの仕組み
            terms: [tags/見守り, tags/二番目]
        """;

    public static TheoryData<string, string, string, string> Edits => new()
    {
        { "title", "alpha", "title: 事例 alpha", "title: 新しい題名" },
        { "tags", "alpha", "tags: [タクシー]", "tags: [見守り, 新テーマ]" },
        { "elements", "alpha", "elements: [1, 2]", "elements: [3]" },
        { "pillars", "alpha", "pillars: [生活支援]", "pillars: [交流・居場所, 見守り・つながり]" },
        { "organization", "alpha", "organization: テスト市社会福祉協議会", "organization: 別の社協" },
        { "body", "alpha", "本文です。", "本文を書き換えました。[beta](/cases/beta/)" },
        { "leave-volume", "delta", "volume: vol-a\n", "" },
        { "join-volume", "loose", "fiscal_year: 2022", "fiscal_year: 2022\nvolume: vol-a" },
        { "region", "beta", "ward: 中区", "ward: 西区" },
        { "renumber-others", "aaa", "volume: vol-a\n", "" },
        { "new-tag-only", "aaa", "tags: [最初]", "tags: [最初, 二番目]" },
        // Body only: the case page and its volume's print edition are all that change.
        { "body-in-volume", "delta", "本文です。", "本文を直しました。\n\n## 新しい節\nCSW が訪問しました。" },
        { "body-outside-volume", "loose", "本文です。", "本文を直しました。CSW と連携。" },
        { "body-privacy-warning", "beta", "本文です。", "連絡先は 045-123-4567 です。" },
        { "body-raw-html", "gamma", "本文", "<script>alert(1)</script>本文" },
        { "body-fixes-privacy-warning", "privy", "電話 045-123-4567 まで。", "電話は事務局まで。" },
        { "front-matter-whitespace", "beta", "fiscal_year: 2022", "fiscal_year:  2022" },
        { "summary", "gamma", "fiscal_year: 2022", "fiscal_year: 2022\nsummary: 新しい要約" },
        { "title-in-volume", "delta", "title: 事例 delta", "title: 巻の中の新しい題名" },
        { "tag-remove", "delta", "tags: [見守り, タクシー]", "tags: [タクシー]" },
        { "tag-add-existing", "beta", "tags: [タクシー]", "tags: [タクシー, 見守り]" },
        // other-org shares only 孤立 with beta afterwards: other-org's related cases change.
        { "tag-changes-related-of-another", "beta", "tags: [タクシー]", "tags: [タクシー, 孤立]" },
        { "terms-removed", "alpha", "elements: [1, 2]\npillars: [生活支援]\ntags: [タクシー]", "elements: [1]\npillars: []\ntags: []" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void One_case_edit_equals_a_full_build(string name, string caseId, string from, string to)
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, first) = IncrementalSite.Full(options);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        var path = Path.Combine(site.Root, $"input/cases/{caseId}.md");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));

        var step = start!.CaseEdited(path);
        Assert.NotNull(step);
        var (next, result) = step.Value;
        Assert.True(result.Success, name + ": " + string.Join("\n", result.Diagnostics));
        Assert.True(next!.PagesRendered < first.Files.Count, "an incremental build renders fewer pages");

        var (full, fullResult) = IncrementalSite.Full(options);
        Assert.True(fullResult.Success);
        Assert.Equal(full!.Files.Keys.Order(StringComparer.Ordinal), next.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in full.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(next.Files[file]), $"{name}: {file} differs from a full build");
        Assert.Equal(FixtureSite.Lines(fullResult), FixtureSite.Lines(result));
    }

    [Fact]
    public void A_body_edit_renders_only_the_case_page_and_its_print_edition()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/delta.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("本文です。", "書き直した本文。"));
        var (next, _) = start!.CaseEdited(path)!.Value;
        Assert.Equal(2, next!.PagesRendered);
        var changed = next.Files.Where(f => !start.Files[f.Key].AsSpan().SequenceEqual(f.Value)).Select(f => f.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["cases/delta/index.html", "volumes/vol-a/print/index.html"], changed);
    }

    [Fact]
    public void Successive_edits_of_body_and_front_matter_still_equal_a_full_build()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (current, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        foreach (var (from, to) in new[] { ("本文です。", "一度目。"), ("title: 事例 alpha", "title: 改題"), ("一度目。", "二度目。CSW"), ("tags: [タクシー]", "tags: [見守り]"), ("二度目。", "三度目。") })
        {
            File.WriteAllText(path, File.ReadAllText(path).Replace(from, to));
            var (next, result) = current!.CaseEdited(path)!.Value;
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            current = next;
        }
        var (full, fullResult) = IncrementalSite.Full(options);
        foreach (var (file, bytes) in full!.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(current!.Files[file]), $"{file} differs from a full build");
        Assert.Equal(FixtureSite.Lines(fullResult), current!.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_theme_that_shows_term_counts_on_case_pages_still_matches_a_full_build()
    {
        // omega shares only element 7 with alpha: not related, not a neighbour, yet its page shows element 7's count.
        var omega = FixtureSite.Case("omega", "", volume: "vol-a").Replace("volume: vol-a\n", "").Replace("elements: [1, 2]", "elements: [7]")
            .Replace("pillars: [生活支援]", "pillars: []").Replace("tags: [タクシー]", "tags: [孤立]");
        using var site = new FixtureSite(Site() + "\n" + omega);
        var theme = site.CopyShippedTheme();
        File.AppendAllText(Path.Combine(theme, "layouts", "case.liquid"), "{% for e in model.card.elements %}<span>{{ e.label }} {{ e.count }}</span>{% endfor %}\n");
        var options = new BuildOptions(site.Root, site.Output, "/", false, theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("elements: [1, 2]", "elements: [1, 2, 7]"));
        var (next, result) = start!.CaseEdited(path)!.Value;
        Assert.True(result.Success);
        var (full, _) = IncrementalSite.Full(options);
        foreach (var (file, bytes) in full!.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(next!.Files[file]), $"{file} differs from a full build");
    }

    [Fact]
    public void A_tag_edit_that_changes_another_case_s_related_cases_matches_a_full_build()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        Assert.DoesNotContain(start!.Graph.Related["other-org"], c => c.Id == "beta");
        var path = Path.Combine(site.Root, "input/cases/beta.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("tags: [タクシー]", "tags: [タクシー, 孤立]"));
        var (next, result) = start.CaseEdited(path)!.Value;
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Contains(next!.Graph.Related["other-org"], c => c.Id == "beta");
        var (full, _) = IncrementalSite.Full(options);
        foreach (var (file, bytes) in full!.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(next.Files[file]), $"{file} differs from a full build");
    }

    /// <summary>Related cases updated after term edits equal the full computation, on a site large enough for
    /// terms to cross the "very common" threshold (more than 20 cases) in both directions.</summary>
    [Fact]
    public void Related_cases_after_term_edits_equal_the_full_computation()
    {
        var random = new Random(8);
        string[] pillars = ["生活支援", "交流・居場所", "見守り・つながり"];
        string[] tags = ["タクシー", "見守り", "孤立", "二番目", "最初", "居場所", "買い物"];
        string Terms()
        {
            var e = Enumerable.Range(1, 7).Where(_ => random.Next(3) == 0).ToList();
            var p = pillars.Where(_ => random.Next(2) == 0).ToList();
            var t = tags.Where(_ => random.Next(3) == 0).ToList();
            return $"elements: [{string.Join(", ", e)}]\npillars: [{string.Join(", ", p)}]\ntags: [{string.Join(", ", t)}]";
        }
        const string Default = "elements: [1, 2]\npillars: [生活支援]\ntags: [タクシー]";
        string Id(int i) => i switch { 0 => "alpha", 1 => "beta", _ => $"c{i:00}" };   // the fixture volume lists alpha and beta
        var cases = Enumerable.Range(0, 44).Select(i => FixtureSite.Case(Id(i), "", volume: "vol-a")
            .Replace(i % 3 == 2 ? "volume: vol-a\n" : "\u0000", "").Replace(Default, Terms()));
        using var site = new FixtureSite(FixtureSite.Config + "\n" + string.Join("\n", cases));
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (current, first) = IncrementalSite.Full(options);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        var redone = 0;
        for (var round = 0; round < 25; round++)
        {
            var path = Path.Combine(site.Root, $"input/cases/{Id(random.Next(44))}.md");
            var text = File.ReadAllText(path);
            var start = text.IndexOf("elements:", StringComparison.Ordinal);
            var end = text.IndexOf('\n', text.IndexOf("tags:", StringComparison.Ordinal));
            File.WriteAllText(path, text[..start] + Terms() + text[end..]);
            var (next, result) = current!.CaseEdited(path)!.Value;
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            var expected = Casebook.Core.Graph.RelatedCases.Compute(next!.Graph.Cases);
            foreach (var c in next.Graph.Cases)
                Assert.Equal(expected[c.Id].Select(r => r.Id), next.Graph.Related[c.Id].Select(r => r.Id));
            if (!next.Graph.Related.Keys.All(id => current.Graph.Related[id].Select(r => r.Id).SequenceEqual(next.Graph.Related[id].Select(r => r.Id)))) redone++;
            current = next;
        }
        Assert.True(redone > 5, $"only {redone} edits changed related cases");
        var (full, _) = IncrementalSite.Full(options);
        foreach (var (file, bytes) in full!.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(current!.Files[file]), $"{file} differs from a full build");
    }

    /// <summary>A theme's own card partial (showing the term counts, tags and summary): card HTML kept across rebuilds
    /// is reused only for unchanged cards, and every rebuild equals a full build.</summary>
    [Fact]
    public void Card_html_kept_across_rebuilds_with_a_theme_s_own_card_partial_matches_a_full_build()
    {
        using var site = new FixtureSite(Site());
        var theme = site.CopyShippedTheme();
        File.WriteAllText(Path.Combine(theme, "partials", "case-card.liquid"),
            "<div class=\"card\"><a href=\"{{ card.url }}\">{{ card.number }} {{ card.title }}</a> {{ card.summary }} {{ card.region }}"
            + "{% for e in card.tags %}<i>{{ e.label }} {{ e.count }}</i>{% endfor %}{% for e in card.pillars %}<b>{{ e.short }}</b>{% endfor %}</div>\n");
        var options = new BuildOptions(site.Root, site.Output, "/", false, theme, WriteOutput: false);
        var (current, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        foreach (var (from, to) in new[] { ("title: 事例 alpha", "title: 改題"), ("tags: [タクシー]", "tags: [見守り, 新しい]"), ("本文です。", "本文。"),
                     ("tags: [見守り, 新しい]", "tags: [見守り]"), ("pillars: [生活支援]", "pillars: [見守り・つながり]"), ("title: 改題", "title: 再改題\nsummary: 要約") })
        {
            File.WriteAllText(path, File.ReadAllText(path).Replace(from, to));
            var (next, result) = current!.CaseEdited(path)!.Value;
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            Assert.Same(current.Theme, next!.Theme);
            var (full, fullResult) = IncrementalSite.Full(options);
            foreach (var (file, bytes) in full!.Files)
                Assert.True(bytes.AsSpan().SequenceEqual(next.Files[file]), $"{to}: {file} differs from a full build");
            Assert.Equal(FixtureSite.Lines(fullResult), FixtureSite.Lines(result));
            current = next;
        }
    }

    [Fact]
    public void A_title_edit_renders_only_the_edited_card_again()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/beta.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: 事例 beta", "title: 新しい題"));
        var before = start!.Theme.CardHtmlRendered;
        var (next, _) = start.CaseEdited(path)!.Value;
        Assert.Equal(1, next!.Theme.CardHtmlRendered - before);
    }

    /// <summary>The volume archive and the indexes of organizations and regions count cases by place only.</summary>
    [Fact]
    public void A_tag_edit_leaves_the_indexes_of_places_and_a_region_edit_redraws_them()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        string[] indexes = ["organizations/index.html", "regions/index.html", "volumes/index.html"];
        Assert.All(indexes, f => Assert.True(start!.Files.ContainsKey(f), f));

        var path = Path.Combine(site.Root, "input/cases/beta.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("tags: [タクシー]", "tags: [タクシー, 見守り]"));
        var (tagged, _) = start!.CaseEdited(path)!.Value;
        Assert.Contains("tags/index.html", tagged!.Rendered);
        Assert.All(indexes, f => Assert.DoesNotContain(f, tagged.Rendered));

        File.WriteAllText(path, File.ReadAllText(path).Replace("ward: 中区", "ward: 西区"));
        var (moved, _) = tagged.CaseEdited(path)!.Value;
        Assert.Contains("regions/index.html", moved!.Rendered);
        Assert.Contains("organizations/index.html", moved.Rendered);
    }

    [Fact]
    public void Edits_it_cannot_handle_fall_back_to_a_full_build()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("id: alpha", "id: alpha2"));
        Assert.Null(start!.CaseEdited(path));
        Assert.Null(start.CaseEdited(Path.Combine(site.Root, "casebook.yml")));
        Assert.Null(start.CaseEdited(Path.Combine(site.Root, "input/lessons/l1.md")));
    }

    [Fact]
    public void A_broken_edit_reports_errors_and_no_site()
    {
        using var site = new FixtureSite(Site());
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, _) = IncrementalSite.Full(options);
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("elements: [1, 2]", "elements: [1, 42]"));
        var (next, result) = start!.CaseEdited(path)!.Value;
        Assert.Null(next);
        Assert.Contains(result.Diagnostics, d => d.Code == "CB1201");
    }
}
