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
        + """
        -- input/lessons/l1.md --
        ---
        title: 教材
        related_cases: [alpha]
        ---
        本文
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
