using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Core.Text;

namespace Casebook.Core.Search;

/// <summary>
/// The head index: which pages hold a word in their title or lead (subtitle, summary, tags), written beside Pagefind's
/// files as <c>pagefind/casebook-head/&lt;bucket&gt;.json</c>. The search page ranks those pages first (a page whose
/// title, summary or tags hold every word of the query above one that holds them further down), and draws the first of
/// them from this index and their fragments alone, before Pagefind has loaded: at 10,000 cases Pagefind's search of a
/// common word costs a cold worker most of a second (it scores every result against every entry of the query's words),
/// while a word's head pages are one small file. Pagefind's results then give the count, the facets and the order of the
/// rest (see docs/search.md, "How results are ranked").
/// <para>A word is a token of the index's text (<see cref="SearchText"/>) as Pagefind keeps it (<see cref="Word"/>);
/// its bucket is <see cref="Bucket"/> of it, over <see cref="Buckets"/>(the index's page count, from
/// pagefind-entry.json) buckets. Every bucket file is written, empty or not:
/// <c>{"v":1,"prefix":"en_f15c_","hex":4,"words":{"生活":["…","…"],…}}</c>; a page's id is the prefix and its
/// number in <c>hex</c> hexadecimal digits (<see cref="PagefindPageNames"/>); each word has two lists of page numbers,
/// ascending, in <see cref="SearchFacetPages.Digits"/> form, each number the difference from the one before minus one:
/// the pages with the word in the title, then those with it in the lead only. search-head.js reads them.</para>
/// </summary>
public static partial class SearchHead
{
    public const string Folder = "casebook-head";

    /// <summary>How many buckets an index of <paramref name="pages"/> pages has: about eight pages a bucket, a power of two
    /// from 1 to 2,048 (a bucket is about 1 KB gzipped at 10,000 cases).</summary>
    public static int Buckets(int pages)
    {
        var n = 1;
        while (n < 2048 && n * 8 < pages) n *= 2;
        return n;
    }

    /// <summary>FNV-1a (32 bits) of the word's UTF-16 code units, modulo <paramref name="buckets"/> (a power of two).</summary>
    public static int Bucket(string word, int buckets)
    {
        var h = 2166136261u;
        foreach (var c in word) { h ^= c; h *= 16777619u; }
        return (int)(h & (uint)(buckets - 1));
    }

    /// <summary>The bucket's file name: its number in lowercase hexadecimal.</summary>
    public static string FileName(int bucket) => bucket.ToString("x", CultureInfo.InvariantCulture) + ".json";

    /// <summary>A token as Pagefind indexes it: its letters and digits (other characters dropped), lowercased. Empty for
    /// punctuation and for the private use form of hidden repeats (<see cref="SearchRepeats"/>).</summary>
    public static string Word(string token)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < token.Length; i++)
        {
            var rune = Rune.GetRuneAt(token, i);
            var keep = Rune.IsLetterOrDigit(rune);
            if (!keep || Rune.ToLowerInvariant(rune) != rune || sb is not null)
            {
                sb ??= new StringBuilder(token, 0, i, token.Length);
                if (keep) sb.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            if (rune.Utf16SequenceLength == 2) i++;
        }
        return sb?.ToString() ?? token;
    }

    /// <summary>The words of an index text (tokens separated by spaces), each once, in order.</summary>
    public static IEnumerable<string> Words(string indexText) =>
        indexText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Word).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal);

    /// <summary>Writes the bucket files into <paramref name="indexDir"/>/casebook-head (replacing any there) from each
    /// record's title and lead parts, by the fragment ids Pagefind gave the records' URLs. Writes nothing (and removes an
    /// old folder) when the ids are not the numbered ones <see cref="PagefindPageNames"/> gives, or the entry has no
    /// page count: the search page then ranks by Pagefind alone.</summary>
    public static bool Write(string indexDir, IReadOnlyList<(string Url, string Title, string Lead)> records, IReadOnlyDictionary<string, string> idsByUrl)
    {
        var dir = Path.Combine(indexDir, Folder);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var pageCount = PageCount(Path.Combine(indexDir, "pagefind-entry.json"));
        if (pageCount is null || idsByUrl.Count == 0) return false;
        var sample = idsByUrl.Values.Min(StringComparer.Ordinal)!;
        var m = NumberedId().Match(sample);
        if (!m.Success) return false;
        var prefix = m.Groups[1].Value;
        var hex = m.Groups[2].Value.Length;
        var words = new Dictionary<string, (SortedSet<int> Title, SortedSet<int> Lead)>(StringComparer.Ordinal);
        foreach (var (url, title, lead) in records)
        {
            if (!idsByUrl.TryGetValue(url, out var id)) continue;
            if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length != prefix.Length + hex
                || !int.TryParse(id.AsSpan(prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var page))
                return false;
            foreach (var w in Words(title)) Sets(words, w).Title.Add(page);
            foreach (var w in Words(lead)) { var s = Sets(words, w); if (!s.Title.Contains(page)) s.Lead.Add(page); }
        }
        var buckets = Buckets(pageCount.Value);
        var byBucket = words.GroupBy(w => Bucket(w.Key, buckets)).ToDictionary(g => g.Key, g => g.OrderBy(w => w.Key, StringComparer.Ordinal).ToList());
        Directory.CreateDirectory(dir);
        var utf8 = new UTF8Encoding(false);
        Parallel.For(0, buckets, b =>
        {
            var sb = new StringBuilder();
            sb.Append("{\"v\":1,\"prefix\":").Append(JsonSerializer.Serialize(prefix)).Append(",\"hex\":").Append(hex).Append(",\"words\":{");
            var first = true;
            foreach (var (word, (t, l)) in byBucket.GetValueOrDefault(b) ?? [])
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append(JsonSerializer.Serialize(word, JsonText.Options)).Append(":[\"");
                Deltas(sb, t);
                sb.Append("\",\"");
                Deltas(sb, l);
                sb.Append("\"]");
            }
            sb.Append("}}");
            File.WriteAllText(Path.Combine(dir, FileName(b)), sb.ToString(), utf8);
        });
        return true;
    }

    private static (SortedSet<int> Title, SortedSet<int> Lead) Sets(Dictionary<string, (SortedSet<int>, SortedSet<int>)> words, string w)
    {
        if (!words.TryGetValue(w, out var s)) words[w] = s = (new(), new());
        return s;
    }

    /// <summary>Page numbers, ascending, each as its difference from the one before minus one (the first as it is).</summary>
    private static void Deltas(StringBuilder sb, SortedSet<int> pages)
    {
        var before = -1;
        foreach (var p in pages) { SearchFacetPages.Number(sb, p - before - 1); before = p; }
    }

    /// <summary>The page count of the language with the most pages in Pagefind's entry file; null when unreadable.</summary>
    public static int? PageCount(string entryPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(entryPath));
            return doc.RootElement.GetProperty("languages").EnumerateObject()
                .Select(l => l.Value.TryGetProperty("page_count", out var c) && c.TryGetInt32(out var n) ? n : 0).DefaultIfEmpty(0).Max() is var max and > 0 ? max : null;
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(.+_)([0-9a-f]+)$")]
    private static partial Regex NumberedId();
}
