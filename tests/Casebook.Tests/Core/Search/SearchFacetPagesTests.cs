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
    public void A_page_is_keyed_by_the_prefix_no_other_page_shares_at_the_width_that_writes_least_else_by_its_whole_id()
    {
        // 0a10/0a1f and 0b20/0b2f (a lesson's: it has no row) part at the 13th bit (the top of their last digit): at 13
        // bits the prefixes 322, 323, 356, 384 are written as 322, 1, 33, 28 (6 characters); narrower widths write three
        // ids whole (21 or more), wider ones longer differences.
        var apart = PageKeys.For(["en_0b20", "en_0a1f", "en_0a10", "en_0c00"], ["en_0a10", "en_0a1f", "en_0b20", "en_0b2f", "en_0c00"], "en_");
        Assert.Equal((4, 13, Encode(322, 1, 33, 28)), (apart.Hex, apart.Bits, apart.Prefixes));
        Assert.Empty(apart.Whole);
        Assert.Equal(["en_0a10", "en_0a1f", "en_0b20", "en_0c00"], apart.Order);

        // 1000000 shares all but its last bit with a lesson's 1000001: whole at every width; f000000 is alone in the
        // upper half, so one bit names it ("1", one character) where 28 would take six. Rows: prefixed first, then whole.
        var shared = PageKeys.For(["en_1000000", "en_f000000"], ["en_1000000", "en_1000001", "en_f000000"], "en_");
        Assert.Equal((7, 1, Encode(1)), (shared.Hex, shared.Bits, shared.Prefixes));
        Assert.Equal(["1000000"], shared.Whole);
        Assert.Equal(["en_f000000", "en_1000000"], shared.Order);

        // Ids Pagefind lengthened (8 digits among 7): the bits come from the first 7.
        var longer = PageKeys.For(["en_1234567", "en_89abcdef"], ["en_1234567", "en_89abcdef"], "en_");
        Assert.Equal((7, 1, Encode(0, 1)), (longer.Hex, longer.Bits, longer.Prefixes));
        Assert.Empty(longer.Whole);

        // Ids that are not hexadecimal: every page whole, sorted.
        var words = PageKeys.For(["p_y", "p_x1"], ["p_x1", "p_y"], "p_");
        Assert.Equal((0, 0, ""), (words.Hex, words.Bits, words.Prefixes));
        Assert.Equal(["x1", "y"], words.Whole);
    }

    [Fact]
    public void A_set_facet_is_written_as_bits_only_when_shorter_and_never_with_more_values_than_a_mask_holds()
    {
        var dir = Path.Combine(Path.GetTempPath(), "casebook-facetkinds-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "fragment"));
        try
        {
            // テーマ: 31 values (one over what a mask holds), two a page; 柱: pages holding only value 29 of 30, which as a
            // bit is 2^29 (6 characters) and as a set "1" + 29 (2).
            var many = Enumerable.Range(0, 31).Select(i => $"テーマ{i:D2}").ToList();
            var thirty = Enumerable.Range(0, 30).Select(i => $"柱{i:D2}").ToList();
            var records = new List<(string, Dictionary<string, List<string>>)>();
            for (var i = 0; i < 31; i++)
            {
                Fragment(Path.Combine(dir, "fragment"), $"en_{i:x3}", $"/cases/{i}/");
                records.Add(($"/cases/{i}/", new() { ["テーマ"] = [many[i], many[(i + 1) % 31]], ["柱"] = i == 0 ? [.. thirty] : [thirty[29]] }));
            }
            SearchFacetPages.Write(dir, records);
            JsonElement Read(int at) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, SearchFacetPages.ColumnFileName(at)))).RootElement;
            Assert.Equal("set", Read(0).GetProperty("kind").GetString());
            Assert.Equal("set", Read(1).GetProperty("kind").GetString());
            Assert.Equal(30, Read(1).GetProperty("values").GetArrayLength());
        }
        finally { Directory.Delete(dir, true); }
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
            Assert.Equal(4, keys.GetProperty("v").GetInt32());
            Assert.Equal(["年度", "要素"], keys.GetProperty("facets").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal("en_", keys.GetProperty("prefix").GetString());
            // aaa, bbb and the lesson's ccc are apart at 4 bits (1010, 1011, 1100): differences 10, 1.
            Assert.Equal(3, keys.GetProperty("hex").GetInt32());
            Assert.Equal(4, keys.GetProperty("bits").GetInt32());
            Assert.Equal(Encode(10, 1), keys.GetProperty("ids").GetString());
            Assert.Equal(0, keys.GetProperty("whole").GetArrayLength());
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
            // 要素, a set a page of two values: as bits ("mask": ② = 2, ①② = 3), shorter than count-and-differences (1 1 2 0 0).
            var element = Read(SearchFacetPages.ColumnFileName(1));
            Assert.Equal(["① 記録", "② 相談"], element.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("mask", element.GetProperty("kind").GetString());
            Assert.Equal(Encode(2, 3), element.GetProperty("cells").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }
}
