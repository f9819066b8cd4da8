using Casebook.Core;
using Casebook.Core.Incremental;
using Casebook.Tests.Support;

namespace Casebook.Tests.Serve;

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
        var theme = Path.Combine(site.Root, "theme");
        foreach (var f in Directory.EnumerateFiles(Repo.Theme, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(theme, Path.GetRelativePath(Repo.Theme, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
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
