using System.Text;
using System.Text.Json;
using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Search;

/// <summary>The head index (<see cref="SearchHead"/>): which pages hold a word in their title or lead, by bucket. The
/// search page reads it (search-head.js; tests/js/search-head.test.mjs, and the parity test for words and buckets).</summary>
public class SearchHeadTests
{
    private static string NewDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "casebook-head-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Entry(string dir, int pages) =>
        File.WriteAllText(Path.Combine(dir, "pagefind-entry.json"),
            """{"version":"1.6.0","languages":{"en":{"hash":"en_x","wasm":"en","page_count":""" + pages + """}},"include_characters":[]}""");

    /// <summary>The page numbers of a list (differences minus one, in the facet files' digits).</summary>
    private static List<int> Pages(string digits)
    {
        var pages = new List<int>();
        long n = 0;
        var before = -1;
        foreach (var c in digits)
        {
            var d = SearchFacetPages.Digits.IndexOf(c);
            if (d >= 32) n = n * 32 + d - 32;
            else { before += (int)(n * 32 + d) + 1; pages.Add(before); n = 0; }
        }
        return pages;
    }

    /// <summary>Every word of every bucket file: word → (bucket, title pages, lead pages); and each file's prefix and width.</summary>
    private static (Dictionary<string, (int Bucket, List<int> Title, List<int> Lead)> Words, HashSet<(string, int)> Shapes, int Files) Read(string dir)
    {
        var words = new Dictionary<string, (int, List<int>, List<int>)>(StringComparer.Ordinal);
        var shapes = new HashSet<(string, int)>();
        var files = Directory.GetFiles(Path.Combine(dir, SearchHead.Folder));
        foreach (var f in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            Assert.Equal(1, doc.RootElement.GetProperty("v").GetInt32());
            shapes.Add((doc.RootElement.GetProperty("prefix").GetString()!, doc.RootElement.GetProperty("hex").GetInt32()));
            var bucket = Convert.ToInt32(Path.GetFileNameWithoutExtension(f), 16);
            foreach (var w in doc.RootElement.GetProperty("words").EnumerateObject())
                words[w.Name] = (bucket, Pages(w.Value[0].GetString()!), Pages(w.Value[1].GetString()!));
        }
        return (words, shapes, files.Length);
    }

    [Fact]
    public void Words_are_letters_and_digits_lowercased_and_buckets_are_fnv1a_of_the_utf16_units()
    {
        Assert.Equal("社協", SearchHead.Word("社協."));
        Assert.Equal("cp", SearchHead.Word("CP"));
        Assert.Equal("", SearchHead.Word("・"));
        Assert.Equal("", SearchHead.Word(SearchRepeats.Hide("地区社協")));
        Assert.Equal("𠮷野", SearchHead.Word("𠮷野"));
        // FNV-1a, 32 bits: offset 2166136261, prime 16777619 ("a" → 0xe40c292c).
        Assert.Equal((int)(0xe40c292cu & 2047), SearchHead.Bucket("a", 2048));
        Assert.Equal((int)(0x811c9dc5u & 3), SearchHead.Bucket("", 4));
        Assert.Equal([1, 1, 2, 4, 8, 2048, 2048], new[] { 0, 8, 9, 29, 64, 10283, 1_000_000 }.Select(SearchHead.Buckets));
    }

    [Fact]
    public void Each_word_lists_the_pages_with_it_in_the_title_and_those_with_it_only_in_the_lead_in_its_bucket()
    {
        var dir = NewDir();
        Entry(dir, 40);
        var ids = new Dictionary<string, string>
        {
            ["/a/"] = "en_ab12_00", ["/b/"] = "en_ab12_01", ["/c/"] = "en_ab12_1f", ["/d/"] = "en_ab12_27",
        };
        var records = new List<(string, string, string)>
        {
            ("/a/", "生活 活支 支援", "見守 守り 支援."),   // 支援 in both: title only
            ("/b/", "地区 区社 社協", "生活 活支 支援"),
            ("/c/", "CP ・ 地区", SearchRepeats.Hide("生活") + " cbv0017"),
            ("/d/", "研修", ""),
            ("/unindexed/", "生活", "生活"),                 // no fragment: left out
        };
        Assert.True(SearchHead.Write(dir, records, ids));
        var (words, shapes, files) = Read(dir);
        Assert.Equal(SearchHead.Buckets(40), files);        // every bucket, empty ones too
        Assert.Equal([("en_ab12_", 2)], shapes);
        string Lists(string w) => string.Join(",", words[w].Title) + " | " + string.Join(",", words[w].Lead);
        Assert.Equal("0 | 1", Lists("生活"));
        Assert.Equal("0 | 1", Lists("支援"));
        Assert.Equal(" | 0", Lists("見守"));
        Assert.Equal("1,31 | ", Lists("地区"));
        Assert.Equal("31 | ", Lists("cp"));
        Assert.Equal(" | 31", Lists("cbv0017"));
        Assert.Equal("39 | ", Lists("研修"));
        Assert.False(words.ContainsKey("・"));
        Assert.False(words.ContainsKey(""));
        foreach (var (word, (bucket, _, _)) in words) Assert.Equal(SearchHead.Bucket(word, files), bucket);
    }

    [Fact]
    public void Without_numbered_fragment_ids_or_a_page_count_nothing_is_written_and_an_old_index_is_removed()
    {
        var dir = NewDir();
        Entry(dir, 4);
        var records = new List<(string, string, string)> { ("/a/", "生活", "") };
        Assert.True(SearchHead.Write(dir, records, new Dictionary<string, string> { ["/a/"] = "en_ab12_0" }));
        Assert.True(Directory.Exists(Path.Combine(dir, SearchHead.Folder)));
        // Pagefind's own hashed names (PagefindPageNames did not apply): the search page ranks by Pagefind alone.
        Assert.False(SearchHead.Write(dir, records, new Dictionary<string, string> { ["/a/"] = "en_4289651z" }));
        Assert.False(Directory.Exists(Path.Combine(dir, SearchHead.Folder)));
        File.WriteAllText(Path.Combine(dir, "pagefind-entry.json"), "{ not json");
        Assert.False(SearchHead.Write(dir, records, new Dictionary<string, string> { ["/a/"] = "en_ab12_0" }));
        Assert.False(Directory.Exists(Path.Combine(dir, SearchHead.Folder)));
    }

    [Fact]
    public void In_the_sample_site_every_case_is_listed_under_its_titles_words_and_its_summarys()
    {
        // Words of two characters or more (a query's one-character word is a prefix for Pagefind: the head index lists
        // only the words the pages hold).
        var output = Path.Combine(Path.GetTempPath(), "casebook-head-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = Casebook.Core.Pipeline.Run(new Casebook.Core.BuildOptions(Repo.Root, output, Search: true, SearchTools: Casebook.Cli.HostEnvironment.SearchTools()));
            Assert.Equal(SearchIndexStatus.Indexed, result.Search?.Status);
            var pagefind = Path.Combine(output, "pagefind");
            var (words, _, count) = Read(pagefind);
            Assert.Equal(SearchHead.Buckets(SearchHead.PageCount(Path.Combine(pagefind, "pagefind-entry.json"))!.Value), count);
            var ids = SearchFacetPages.FragmentIds(Path.Combine(pagefind, "fragment"));
            var variants = SearchVariantSources.For(result.Graph!.Content);
            foreach (var c in result.Graph.Cases)
            {
                var page = Convert.ToInt32(ids["/cases/" + c.Id + "/"].Split('_')[^1], 16);
                foreach (var w in SearchText.Query(c.Title, variants).Terms.Split(' ').Select(SearchHead.Word).Where(w => w.Length > 1))
                    Assert.True(words.TryGetValue(w, out var e) && e.Title.Contains(page), $"{c.Id}: title word {w}");
                foreach (var w in SearchText.Query(c.Summary, variants).Terms.Split(' ').Select(SearchHead.Word).Where(w => w.Length > 1))
                    Assert.True(words.TryGetValue(w, out var e) && (e.Title.Contains(page) || e.Lead.Contains(page)), $"{c.Id}: summary word {w}");
            }
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
    }
}
