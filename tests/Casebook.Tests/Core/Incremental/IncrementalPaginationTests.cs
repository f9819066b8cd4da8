using Casebook.Core;
using Casebook.Core.Incremental;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Incremental;

/// <summary>Serve's rebuild after a case edit on a paginated site (page size 2) equals a full build byte for byte, and
/// renders only the pages whose recorded inputs changed: one page of each listing for a title edit, the pages whose
/// slice moved when a case joins or leaves a listing.</summary>
public class IncrementalPaginationTests
{
    /// <summary>c1…c6 in this order; 見守り on c1…c5 (pages [c1 c2] [c3 c4] [c5]), 研修 on c2…c6.</summary>
    private static string Site() =>
        FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: []").Replace("  title: テストサイト", "  title: テストサイト\n  page_size: 2") + "\n"
        + string.Join("\n", Enumerable.Range(1, 6).Select(i => FixtureSite.Case($"c{i}")
            .Replace("tags: [タクシー]", "tags: [" + string.Join(", ", new[] { i <= 5 ? "見守り" : null, i >= 2 ? "研修" : null }.Where(t => t is not null)) + "]")));

    private static (IncrementalSite Next, IncrementalSite Start) Edit(FixtureSite site, string caseId, string from, string to)
    {
        var options = new BuildOptions(site.Root, site.Output, "/", false, Repo.Theme, WriteOutput: false);
        var (start, first) = IncrementalSite.Full(options);
        Assert.True(first.Success, string.Join("\n", first.Diagnostics));
        var path = Path.Combine(site.Root, $"input/cases/{caseId}.md");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
        var (next, result) = start!.CaseEdited(path)!.Value;
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));

        var (full, _) = IncrementalSite.Full(options);
        Assert.Equal(full!.Files.Keys.Order(StringComparer.Ordinal), next!.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, bytes) in full.Files)
            Assert.True(bytes.AsSpan().SequenceEqual(next.Files[file]), $"{file} differs from a full build");
        return (next, start);
    }

    [Fact]
    public void A_title_edit_renders_one_page_of_each_listing_showing_the_case()
    {
        using var site = new FixtureSite(Site());
        var (next, _) = Edit(site, "c3", "title: 事例 c3", "title: 新しい題名");
        var rendered = next.Rendered.ToHashSet();
        foreach (var page in new[] { "cases/page/2/index.html", "elements/1/page/2/index.html", "tags/見守り/page/2/index.html",
                     "tags/研修/index.html", "organizations/テスト市社会福祉協議会/page/2/index.html", "cases/c3/index.html" })
            Assert.Contains(page, rendered);
        foreach (var page in new[] { "cases/index.html", "cases/page/3/index.html", "elements/1/index.html", "tags/見守り/index.html",
                     "tags/見守り/page/3/index.html", "tags/研修/page/2/index.html", "matrix/index.html", "tags/index.html", "search/index.html" })
            Assert.DoesNotContain(page, rendered);
    }

    [Fact]
    public void A_case_joining_the_end_of_a_listing_redraws_its_first_and_last_pages_only()
    {
        using var site = new FixtureSite(Site());
        var (next, _) = Edit(site, "c6", "tags: [研修]", "tags: [研修, 見守り]");
        var rendered = next.Rendered.ToHashSet();
        Assert.Contains("tags/見守り/index.html", rendered);         // the total on page 1
        Assert.Contains("tags/見守り/page/3/index.html", rendered);  // [c5] became [c5 c6]
        Assert.DoesNotContain("tags/見守り/page/2/index.html", rendered);
        Assert.DoesNotContain("cases/index.html", rendered);
    }

    [Fact]
    public void A_case_joining_the_start_of_a_listing_shifts_every_later_page()
    {
        using var site = new FixtureSite(Site());
        // 研修: [c2 c3] [c4 c5] [c6] becomes [c1 c2] [c3 c4] [c5 c6]: every page's slice moved.
        var (next, _) = Edit(site, "c1", "tags: [見守り]", "tags: [見守り, 研修]");
        foreach (var page in new[] { "tags/研修/index.html", "tags/研修/page/2/index.html", "tags/研修/page/3/index.html" })
            Assert.Contains(page, next.Rendered);
    }

    [Fact]
    public void A_case_leaving_a_listing_removes_a_page_that_is_no_longer_needed()
    {
        using var site = new FixtureSite(Site());
        var (next, start) = Edit(site, "c2", "tags: [見守り, 研修]", "tags: [研修]");
        Assert.True(start.Files.ContainsKey("tags/見守り/page/3/index.html"));
        Assert.False(next.Files.ContainsKey("tags/見守り/page/3/index.html"));
    }

    [Theory]
    [InlineData("c4", "elements: [1, 2]", "elements: [3]")]
    [InlineData("c1", "pillars: [生活支援]", "pillars: [交流・居場所]")]
    [InlineData("c5", "organization: テスト市社会福祉協議会", "organization: 別の社協")]
    [InlineData("c3", "ward: 中区", "ward: 西区")]
    [InlineData("c2", "volume: vol-a\n", "")]
    [InlineData("c3", "fiscal_year: 2022", "fiscal_year: 2023\nsummary: 要約")]
    public void Element_pillar_and_place_edits_equal_a_full_build(string caseId, string from, string to)
    {
        using var site = new FixtureSite(Site());
        Edit(site, caseId, from, to);
    }
}
