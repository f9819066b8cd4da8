using System.Text.Json;
using Casebook.Core.Search;

namespace Casebook.Tests.Core.Search;

public class SearchFacetPagesTests
{
    private static void Fragment(string dir, string id, string url) =>
        File.WriteAllBytes(Path.Combine(dir, id + ".pf_fragment"),
            PagefindStableOutput.Pack(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { url, content = new string('あ', 5000) }))));

    private static string Encode(params long[] numbers)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var n in numbers) SearchFacetPages.Number(sb, n);
        return sb.ToString();
    }

    [Fact]
    public void Numbers_are_base_32_with_the_upper_half_for_every_digit_but_the_last()
    {
        Assert.Equal("0", Encode(0));
        Assert.Equal("V", Encode(31));
        Assert.Equal("X0", Encode(32));
        Assert.Equal("_V", Encode(1023));
        Assert.Equal("__0", Encode(32736));
    }

    [Fact]
    public void Each_case_gets_its_values_by_the_id_of_its_fragment_and_pages_without_values_are_left_out()
    {
        var dir = Path.Combine(Path.GetTempPath(), "casebook-facetpages-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "fragment"));
        try
        {
            Fragment(Path.Combine(dir, "fragment"), "en_bbb", "/cases/a/");
            Fragment(Path.Combine(dir, "fragment"), "en_aaa", "/cases/b/");
            Fragment(Path.Combine(dir, "fragment"), "en_ccc", "/lessons/x/");
            SearchFacetPages.Write(dir,
            [
                ("/cases/a/", new() { ["要素"] = ["① 記録", "② 相談"], ["年度"] = ["令和4年度"] }),
                ("/cases/b/", new() { ["要素"] = ["② 相談"], ["年度"] = ["令和5年度"] }),
                ("/lessons/x/", new()),
            ]);
            JsonElement Read(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name))).RootElement;
            var keys = Read(SearchFacetPages.FileName);
            Assert.Equal(3, keys.GetProperty("v").GetInt32());
            Assert.Equal(["年度", "要素"], keys.GetProperty("facets").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal("en_", keys.GetProperty("prefix").GetString());
            // Ids sorted, as hexadecimal differences: aaa (2730), then bbb (+273 = 8×32+17: "e" then "H").
            Assert.Equal(3, keys.GetProperty("width").GetInt32());
            Assert.Equal(Encode(0xaaa, 0xbbb - 0xaaa), keys.GetProperty("ids").GetString());
            // The keys hold no facet values: each column is its own file, fetched only when its facet is on screen or used.
            Assert.False(keys.TryGetProperty("columns", out _));
            Assert.Equal(
                [SearchFacetPages.ColumnFileName(0), SearchFacetPages.ColumnFileName(1), SearchFacetPages.FileName],
                Directory.GetFiles(dir, "casebook-facets*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
            // 年度, one value a page: value + 1 (en_aaa is /cases/b/ 令和5年度, en_bbb /cases/a/ 令和4年度).
            var year = Read(SearchFacetPages.ColumnFileName(0));
            Assert.Equal(["令和4年度", "令和5年度"], year.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("one", year.GetProperty("kind").GetString());
            Assert.Equal(Encode(2, 1), year.GetProperty("cells").GetString());
            // 要素, a set a page: count, then values as differences minus one.
            var element = Read(SearchFacetPages.ColumnFileName(1));
            Assert.Equal(["① 記録", "② 相談"], element.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("set", element.GetProperty("kind").GetString());
            Assert.Equal(Encode(1, 1, 2, 0, 0), element.GetProperty("cells").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }
}
