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
            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, SearchFacetPages.FileName))).RootElement;
            var facets = json.GetProperty("facets").EnumerateArray()
                .ToDictionary(f => f[0].GetString()!, f => f[1].EnumerateArray().Select(v => v.GetString()!).ToList());
            Assert.Equal(["年度", "要素"], json.GetProperty("facets").EnumerateArray().Select(f => f[0].GetString()));
            Assert.Equal(["令和4年度", "令和5年度"], facets["年度"]);
            Assert.Equal(["① 記録", "② 相談"], facets["要素"]);
            Assert.Equal("en_", json.GetProperty("prefix").GetString());
            Assert.Equal(["one", "set"], json.GetProperty("facets").EnumerateArray().Select(f => f[2].GetString()));
            // Ids sorted, as hexadecimal differences: aaa (2730), then bbb (+273 = 8×32+17: "e" then "H").
            Assert.Equal(3, json.GetProperty("width").GetInt32());
            Assert.Equal(Encode(0xaaa, 0xbbb - 0xaaa), json.GetProperty("ids").GetString());
            var columns = json.GetProperty("columns");
            // 年度, one value a page: value + 1 (en_aaa is /cases/b/ 令和5年度, en_bbb /cases/a/ 令和4年度).
            Assert.Equal(Encode(2, 1), columns[0].GetString());
            // 要素, a set a page: count, then values as differences minus one.
            Assert.Equal(Encode(1, 1, 2, 0, 0), columns[1].GetString());
        }
        finally { Directory.Delete(dir, true); }
    }
}
