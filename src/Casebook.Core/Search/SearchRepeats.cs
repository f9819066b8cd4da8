using System.Text;

namespace Casebook.Core.Search;

/// <summary>
/// Pagefind stores every place a word occurs on a page, and a query loads the whole list of each of its words. A common
/// pair such as 支援 occurs 8.6 times on an average case at 10,000 cases, so its list was 97 KB (gzipped) of 生活支援's
/// first query. Only the first <see cref="Kept"/> occurrence of a word in the title, in the lead (subtitle, summary, tags)
/// and in the body is indexed now, so ranking by where a word is stays as it was (a word in the title or lead still ranks a
/// page above one with the word only in its body); "more mentions rank higher" is gone. A later occurrence stays in the
/// text, so the excerpt still reads it, but written in Unicode's private use plane 15 (U+F0000 + each UTF-16 unit),
/// which Pagefind neither indexes nor strips: it is no letter, digit, ASCII punctuation or emoji. Hidden pairs in a row are written as the characters they cover (地区 区社
/// 社協 → 地区社協: half the bytes, and fewer words for Pagefind to read). search-text.js (<c>readableExcerpt</c>) reads
/// them back. A variant key beyond the first is left out (excerpts never show keys).
/// </summary>
public static class SearchRepeats
{
    /// <summary>How many occurrences of a word among a page's parts of one weight are indexed.</summary>
    public const int Kept = 1;

    /// <summary>Where the private use code points start: U+F0000 + the UTF-16 unit.</summary>
    public const int Plane = 0xF0000;

    /// <summary>The parts with each word beyond its first <see cref="Kept"/> occurrence(s) among the parts of one weight
    /// (title, lead, body) written in the private use form.</summary>
    public static List<SearchPart> Cap(List<SearchPart> parts)
    {
        var seen = new Dictionary<int, Dictionary<string, int>>();
        return parts.Select(p => p with
        {
            Text = Cap(p.Text, seen.TryGetValue(p.Weight, out var s) ? s : seen[p.Weight] = new(StringComparer.Ordinal)),
        }).ToList();
    }

    private static string Cap(string text, Dictionary<string, int> seen)
    {
        var sb = new StringBuilder(text.Length);
        var group = new StringBuilder(); // hidden pairs in a row, as the characters they cover
        foreach (var token in text.Split(' '))
        {
            if (token.Length == 0) continue;
            // Digest ends a part with a full stop after its last word ("社協."): Pagefind indexes that word without it.
            var word = token.EndsWith('.') && token.Length > 1 ? token[..^1] : token;
            var hide = false;
            if (SearchText.IsIndexed(word))
            {
                var key = word.ToLowerInvariant(); // Pagefind lowercases words
                var count = seen.GetValueOrDefault(key) + 1;
                seen[key] = count;
                hide = count > Kept;
            }
            if (hide && IsKey(word))
            {
                if (word.Length < token.Length) { Flush(sb, group); Append(sb, "."); }
                continue;
            }
            if (!hide) { Flush(sb, group); Append(sb, token); continue; }
            // A run's pairs overlap (地区 区社 社協): hidden ones in a row are written once (地区社協), which reads back the same.
            var pair = word.Length == 2 && !char.IsSurrogate(word[0]) && !char.IsSurrogate(word[1]) && SearchText.IsCjk(word[0]);
            if (pair && group.Length > 0 && group[^1] == word[0]) group.Append(word[1]);
            else { Flush(sb, group); group.Append(word); }
            if (!pair || word.Length < token.Length) { Flush(sb, group); if (word.Length < token.Length) sb.Append('.'); }
        }
        Flush(sb, group);
        return sb.ToString();
    }

    private static void Flush(StringBuilder sb, StringBuilder group)
    {
        if (group.Length == 0) return;
        Append(sb, Hide(group.ToString()));
        group.Clear();
    }

    private static void Append(StringBuilder sb, string token)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(token);
    }

    /// <summary>A variant or repeat key (<c>cbv0007</c>, <c>cbi04eba</c>).</summary>
    private static bool IsKey(string word) =>
        word.Length is 7 or 8 && word.StartsWith("cb", StringComparison.Ordinal) && word[2] is 'v' or 'i'
        && word.Skip(3).All(char.IsAsciiHexDigitLower);

    /// <summary>The word in the private use form: each UTF-16 unit u as U+F0000 + u.</summary>
    public static string Hide(string word)
    {
        var sb = new StringBuilder(word.Length * 2);
        foreach (var c in word) sb.Append(char.ConvertFromUtf32(Plane + c));
        return sb.ToString();
    }
}
