using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Casebook.Core.Search;

/// <summary>
/// <c>pagefind/casebook-facets.json</c>: each case's facet values, keyed by the id Pagefind gives its result (the
/// fragment's name), so the search page filters and counts results itself. Pagefind can do both, but 1.5.2 counted
/// a filter value by scanning the whole result list for each page that has the value (quadratic: 4.5 s for one
/// 7,859-result query at 10,000 cases) and must load every filter file (245 KB) first.
/// Shape, by column (it compresses better than by page): <c>{"facets":[["要素",["① …",…]],…],"prefix":"en_",
/// "ids":["0106dfd",…],"columns":[[0,[1,4],…],…]}</c>: the pages' ids without their common prefix, and for each facet
/// (in the order listed) each page's value, or values, as numbers into that facet's list. Pages without facet values
/// (lessons…) are left out. About 176 KB gzipped at 10,000 cases.
/// </summary>
public static class SearchFacetPages
{
    public const string FileName = "casebook-facets.json";

    /// <summary>Writes the file into <paramref name="indexDir"/>; <paramref name="filtersByUrl"/> holds each record's
    /// facet values by its URL, in record order. Pagefind's fragments say which id each URL got.</summary>
    public static void Write(string indexDir, IReadOnlyList<(string Url, Dictionary<string, List<string>> Filters)> filtersByUrl)
    {
        var idsByUrl = FragmentIds(Path.Combine(indexDir, "fragment"));
        var names = filtersByUrl.SelectMany(r => r.Filters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var values = names.ToDictionary(n => n, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var pages = new SortedDictionary<string, int[][]>(StringComparer.Ordinal);
        foreach (var (url, filters) in filtersByUrl)
        {
            if (filters.Count == 0 || !idsByUrl.TryGetValue(url, out var id)) continue;
            pages[id] = names.Select(n => filters.TryGetValue(n, out var vs)
                ? vs.Select(v => values[n].TryGetValue(v, out var i) ? i : values[n][v] = values[n].Count).Distinct().ToArray()
                : []).ToArray();
        }
        var prefix = pages.Count == 0 ? "" : pages.Keys.Aggregate((a, b) => a[..CommonPrefix(a, b)]);
        prefix = prefix[..(prefix.LastIndexOf('_') + 1)];
        var columns = names.Select((_, at) => pages.Values.Select(p => p[at].Length == 1 ? (object)p[at][0] : p[at]).ToArray()).ToArray();
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["facets"] = names.Select(n => new object[] { n, values[n].OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray() }).ToArray(),
            ["prefix"] = prefix,
            ["ids"] = pages.Keys.Select(k => k[prefix.Length..]).ToArray(),
            ["columns"] = columns,
        }, SearchRecords.Json);
        File.WriteAllText(Path.Combine(indexDir, FileName), json, new UTF8Encoding(false));
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>URL → fragment id ("en_0106dfd"), read from each fragment's JSON (its first field is the URL).</summary>
    public static Dictionary<string, string> FragmentIds(string fragmentDir)
    {
        var files = Directory.Exists(fragmentDir) ? Directory.GetFiles(fragmentDir, "*.pf_fragment") : [];
        var pairs = files.AsParallel().Select(f => (Url: UrlOf(f), Id: Path.GetFileNameWithoutExtension(f))).ToList();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // Two identical pages share a fragment; the smaller id wins, so the map does not depend on file order.
        foreach (var (url, id) in pairs.Where(p => p.Url is not null).OrderBy(p => p.Id, StringComparer.Ordinal)) map.TryAdd(url!, id);
        return map;
    }

    /// <summary>The fragment's URL, from its first kilobytes only (the content after it is not needed).</summary>
    private static string? UrlOf(string fragmentFile)
    {
        var head = new byte[4096];
        var length = 0;
        using (var gz = new GZipStream(File.OpenRead(fragmentFile), CompressionMode.Decompress))
            for (int n; length < head.Length && (n = gz.Read(head, length, head.Length - length)) > 0;) length += n;
        var signature = "pagefind_dcd"u8;
        if (!head.AsSpan(0, length).StartsWith(signature)) return null;
        var reader = new Utf8JsonReader(head.AsSpan(signature.Length, length - signature.Length), isFinalBlock: false, default);
        try
        {
            while (reader.Read())
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("url"u8))
                    return reader.Read() ? reader.GetString() : null;
        }
        catch (JsonException) { }
        return null;
    }
}
