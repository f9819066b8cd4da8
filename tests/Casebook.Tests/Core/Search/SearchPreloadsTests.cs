using Casebook.Core.Search;

namespace Casebook.Tests.Core.Search;

public class SearchPreloadsTests
{
    private static string IndexDir(out string site)
    {
        site = Path.Combine(Path.GetTempPath(), "casebook-preloads-" + Guid.NewGuid().ToString("N")[..8]);
        var index = Path.Combine(site, "pagefind");
        Directory.CreateDirectory(index);
        File.WriteAllText(Path.Combine(index, "pagefind.js"), "export {}");
        return index;
    }

    [Fact]
    public void The_hint_names_pagefinds_script_under_the_base_path_only_when_the_index_has_it()
    {
        var index = IndexDir(out var site);
        try
        {
            Assert.Equal("<link rel=\"modulepreload\" href=\"/sub/pagefind/pagefind.js\">\n", SearchPreloads.Hints(index, "/sub/"));
            Assert.Contains("href=\"/a&amp;b/pagefind/pagefind.js\"", SearchPreloads.Hints(index, "/a&b/"));
            // A file that is not there gets no hint (a hint would fetch a 404).
            File.Delete(Path.Combine(index, "pagefind.js"));
            Assert.Equal("", SearchPreloads.Hints(index, "/"));
        }
        finally { Directory.Delete(site, true); }
    }

    [Fact]
    public void Apply_writes_the_hints_at_the_end_of_the_head_and_leaves_a_page_without_an_index_alone()
    {
        var index = IndexDir(out var site);
        var page = Path.Combine(site, "search.html");
        const string Html = "<html><head><title>検索</title></head><body><link rel=\"x\"></body></html>";
        try
        {
            File.WriteAllText(page, Html);
            SearchPreloads.Apply(page, index, "/");
            var written = File.ReadAllText(page);
            Assert.StartsWith("<html><head><title>検索</title><link rel=\"modulepreload\" href=\"/pagefind/pagefind.js\">", written);
            Assert.EndsWith("pagefind.js\">\n</head><body><link rel=\"x\"></body></html>", written);

            File.WriteAllText(page, Html);
            SearchPreloads.Apply(page, Path.Combine(site, "no-index"), "/");
            Assert.Equal(Html, File.ReadAllText(page));
        }
        finally { Directory.Delete(site, true); }
    }
}
