using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Casebook.Core.Search;

/// <summary>
/// <c>pagefind/casebook-facets.json</c> and one <c>casebook-facets-N.json</c> per facet: each case's facet values,
/// keyed by the id Pagefind gives its result (the fragment's name), so the search page filters and counts results
/// itself. Pagefind can do both, but 1.5.2 counted a filter value by scanning the whole result list for each page
/// that has the value (quadratic: 4.5 s for one 7,859-result query at 10,000 cases) and must load every filter file
/// (245 KB) first. The page fetches a facet's column only when its fieldset is on screen or the facet is used, so a
/// desktop's first query does not move the columns below the fold (they were 137 KB gzipped in one file, version 2).
/// Numbers are written as <see cref="Digits"/> strings (a number is base-32 digits, most significant first; every
/// digit but the last is written from the upper half of the alphabet).
/// The keys (version 4): <c>{"v":4,"facets":["要素","事例集",…],"prefix":"en_","hex":7,"bits":18,"ids":"…","whole":[…]}</c>.
/// A page is found by the first <c>bits</c> bits of its id (the first <c>hex</c> hexadecimal digits after the prefix)
/// when no other page of the index shares them: <c>ids</c> holds those prefixes, sorted, each as its difference from
/// the one before; <c>whole</c> lists the ids (without the prefix) of the few pages that share theirs, which are
/// found by the whole id (see <see cref="PageKeys"/>). The rows are the pages of <c>ids</c>, then those of <c>whole</c>.
/// Pages without facet values (lessons…) are left out. Column N (facet N of the keys):
/// <c>{"values":["① …",…],"kind":"set","cells":"…"}</c>, one cell per page in the keys' order: for a facet whose
/// pages have at most one value ("one"), the value's number + 1 (0: none); otherwise ("set") how many values, then
/// the sorted values, each as its difference from the one before minus one; or ("mask", a facet of at most
/// <see cref="MaskValues"/> values, when shorter) the sum of 2 to the power of each value number.
/// </summary>
public static class SearchFacetPages
{
    public const string FileName = "casebook-facets.json";

    /// <summary>The file of facet <paramref name="at"/> (its place in the keys' list).</summary>
    public static string ColumnFileName(int at) => $"casebook-facets-{at}.json";

    /// <summary>The number alphabet: 0–31 end a number, 32–63 are its earlier digits. JSON needs no escapes for any.</summary>
    public const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    /// <summary>Writes the file into <paramref name="indexDir"/>; <paramref name="filtersByUrl"/> holds each record's
    /// facet values by its URL, in record order. Pagefind's fragments say which id each URL got.</summary>
    public static void Write(string indexDir, IReadOnlyList<(string Url, Dictionary<string, List<string>> Filters)> filtersByUrl,
        IReadOnlyDictionary<string, string>? fragmentIds = null)
    {
        var idsByUrl = fragmentIds ?? FragmentIds(Path.Combine(indexDir, "fragment"));
        var names = filtersByUrl.SelectMany(r => r.Filters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var values = names.ToDictionary(n => n, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var pages = new SortedDictionary<string, int[][]>(StringComparer.Ordinal);
        foreach (var (url, filters) in filtersByUrl)
        {
            if (filters.Count == 0 || !idsByUrl.TryGetValue(url, out var id)) continue;
            pages[id] = names.Select(n => filters.TryGetValue(n, out var vs)
                ? vs.Select(v => values[n].TryGetValue(v, out var i) ? i : values[n][v] = values[n].Count).Distinct().Order().ToArray()
                : []).ToArray();
        }
        var prefix = pages.Count == 0 ? "" : pages.Keys.Aggregate((a, b) => a[..CommonPrefix(a, b)]);
        prefix = prefix[..(prefix.LastIndexOf('_') + 1)];
        var keyed = PageKeys.For(pages.Keys.ToList(), idsByUrl.Values.Distinct().ToList(), prefix);
        var rows = keyed.Order.Select(id => pages[id]).ToList();
        var single = names.Select((_, at) => rows.All(p => p[at].Length <= 1)).ToArray();
        var keys = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["v"] = 4,
            ["facets"] = names,
            ["prefix"] = prefix,
            ["hex"] = keyed.Hex,
            ["bits"] = keyed.Bits,
            ["ids"] = keyed.Prefixes,
            ["whole"] = keyed.Whole,
        }, SearchRecords.Json);
        File.WriteAllText(Path.Combine(indexDir, FileName), keys, new UTF8Encoding(false));
        for (var at = 0; at < names.Count; at++)
        {
            var (kind, cells) = Column(rows.Select(p => p[at]).ToList(), single[at], values[names[at]].Count);
            var column = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["values"] = values[names[at]].OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(),
                ["kind"] = kind,
                ["cells"] = cells,
            }, SearchRecords.Json);
            File.WriteAllText(Path.Combine(indexDir, ColumnFileName(at)), column, new UTF8Encoding(false));
        }
    }

    /// <summary>The column's kind and cells: "one" for a facet with at most one value a page; otherwise "set", or "mask"
    /// (the values as the bits of one number: 要素's 7 values take 9 KB instead of 11) when that writes fewer characters.</summary>
    private static (string Kind, string Cells) Column(List<int[]> cells, bool single, int valueCount)
    {
        var sb = new StringBuilder();
        if (single)
        {
            foreach (var cell in cells) Number(sb, cell.Length == 0 ? 0 : cell[0] + 1);
            return ("one", sb.ToString());
        }
        foreach (var cell in cells)
        {
            Number(sb, cell.Length);
            for (var i = 0; i < cell.Length; i++) Number(sb, i == 0 ? cell[0] : cell[i] - cell[i - 1] - 1);
        }
        var set = sb.ToString();
        if (valueCount > MaskValues) return ("set", set);
        sb.Clear();
        foreach (var cell in cells) Number(sb, cell.Aggregate(0L, (mask, v) => mask | 1L << v));
        return sb.Length < set.Length ? ("mask", sb.ToString()) : ("set", set);
    }

    /// <summary>A mask's bits stay exact in the page's 32-bit integer arithmetic up to here.</summary>
    public const int MaskValues = 30;

    /// <summary>Appends <paramref name="n"/> (≥ 0) in base 32, most significant digit first, the last one from the lower half.</summary>
    public static void Number(StringBuilder sb, long n)
    {
        Span<char> digits = stackalloc char[13];
        var at = digits.Length;
        digits[--at] = Digits[(int)(n & 31)];
        for (n >>= 5; n > 0; n >>= 5) digits[--at] = Digits[32 + (int)(n & 31)];
        sb.Append(digits[at..]);
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
