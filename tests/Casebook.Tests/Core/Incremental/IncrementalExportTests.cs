using Casebook.Core;
using Casebook.Core.Incremental;
using Casebook.Core.Output;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Incremental;

/// <summary>After a case edit serve makes again only the data files whose inputs changed (the site-wide JSON/CSV from kept
/// rows, the case's volume's exports, the one title shard holding the case, the facet counts and tag list when the
/// classification changed, the sitemap when pages came, went or moved) and keeps the others' bytes; the result still equals
/// a full build byte for byte.</summary>
public class IncrementalExportTests
{
    /// <summary>150 cases (two title shards): c001…c120 in vol-a, the rest outside any volume.</summary>
    private static string Site() =>
        FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: []") + "\n"
        + string.Join("\n", Enumerable.Range(1, 150).Select(i => i <= 120
            ? FixtureSite.Case($"c{i:000}")
            : FixtureSite.Case($"c{i:000}").Replace("volume: vol-a\n", "")));

    private static IncrementalSite Edit(FixtureSite site, string caseId, string from, string to)
    {
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, first) = IncrementalSite.Full(options);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics.Take(3)));
        var path = Path.Combine(site.Root, $"input/cases/{caseId}.md");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
        var (next, result) = start!.CaseEdited(path)!.Value;
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Take(3)));

        var (full, _) = IncrementalSite.Full(options);
        Assert.Equal(full!.Files.Keys.Order(StringComparer.Ordinal), next!.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in full.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(next.Files[file]), $"{file} differs from a full build");
        return next;
    }

    private static string Shard(string caseId) => $"{ReaderData.TitlesFolder}{ReaderData.ShardOf(caseId, ReaderData.ShardCount(150))}.json";

    [Fact]
    public void A_title_edit_remakes_the_site_wide_exports_its_volume_s_and_one_title_shard()
    {
        using var site = new FixtureSite(Site());
        var next = Edit(site, "c007", "title: 事例 c007", "title: 新しい題名");
        Assert.Equal(2, ReaderData.ShardCount(150));
        Assert.Equal([Shard("c007"), "data/cases.csv", "data/cases.json", "feed.xml", "volumes/vol-a/vol-a-cases.csv", "volumes/vol-a/vol-a-cases.json"],
            next.Exported.Order(StringComparer.Ordinal));
        Assert.Contains("新しい題名", System.Text.Encoding.UTF8.GetString(next.Files[Shard("c007")]));
    }

    [Fact]
    public void A_summary_edit_keeps_every_title_shard()
    {
        using var site = new FixtureSite(Site());
        var next = Edit(site, "c130", "fiscal_year: 2022", "fiscal_year: 2022\nsummary: 新しい要約");
        Assert.DoesNotContain(next.Exported, f => f.StartsWith(ReaderData.TitlesFolder, StringComparison.Ordinal));
        Assert.DoesNotContain(next.Exported, f => f.StartsWith("volumes/", StringComparison.Ordinal));   // c130 is in no volume
    }

    [Fact]
    public void A_new_tag_remakes_the_tag_list_facet_counts_and_sitemap_too()
    {
        using var site = new FixtureSite(Site());
        var next = Edit(site, "c007", "tags: [タクシー]", "tags: [タクシー, 新しいテーマ]");
        foreach (var f in new[] { ReaderData.TagsFile, "search/facets.json", "sitemap.xml", "data/cases.json", "volumes/vol-a/vol-a-cases.json" })
            Assert.Contains(f, next.Exported);
        Assert.DoesNotContain(next.Exported, f => f.StartsWith(ReaderData.TitlesFolder, StringComparison.Ordinal));
        Assert.Contains("新しいテーマ", System.Text.Encoding.UTF8.GetString(next.Files[ReaderData.TagsFile]));
    }

    [Theory]
    [InlineData("c050", "elements: [1, 2]", "elements: [3, 7]")]
    [InlineData("c050", "pillars: [生活支援]", "pillars: [見守り・つながり]")]
    [InlineData("c140", "tags: [タクシー]", "tags: []")]
    [InlineData("c001", "tags: [タクシー]", "tags: [タクシー, タクシー2, 見守り]")]
    public void Element_pillar_and_tag_edits_equal_a_full_build(string caseId, string from, string to)
    {
        using var site = new FixtureSite(Site());
        var next = Edit(site, caseId, from, to);
        Assert.Contains("search/facets.json", next.Exported);
    }
}
