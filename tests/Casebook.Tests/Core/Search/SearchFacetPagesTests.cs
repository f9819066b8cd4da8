using System.Text.Json;
using Casebook.Core.Search;

namespace Casebook.Tests.Core.Search;

public class SearchFacetPagesTests
{
    private static void Fragment(string dir, string id, string url) =>
        File.WriteAllBytes(Path.Combine(dir, id + ".pf_fragment"),
            PagefindStableOutput.Pack(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { url, content = new string('あ', 5000) }))));

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
            Assert.Equal(["aaa", "bbb"], json.GetProperty("ids").EnumerateArray().Select(p => p.GetString()));
            var columns = json.GetProperty("columns");
            // One value is a number, several an array.
            string Values(int row, int facet)
            {
                var cell = columns[facet][row];
                var numbers = cell.ValueKind == JsonValueKind.Array ? cell.EnumerateArray().Select(i => i.GetInt32()) : [cell.GetInt32()];
                return string.Join(",", numbers.Select(i => facets[facet == 0 ? "年度" : "要素"][i]));
            }
            Assert.Equal("令和4年度", Values(1, 0));
            Assert.Equal("① 記録,② 相談", Values(1, 1));
            Assert.Equal("令和5年度", Values(0, 0));
            Assert.Equal("② 相談", Values(0, 1));
        }
        finally { Directory.Delete(dir, true); }
    }
}
