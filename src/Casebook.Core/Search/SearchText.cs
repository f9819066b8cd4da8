using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Casebook.Core.Search;

/// <summary>
/// The text the search index sees. Pagefind's own Japanese handling segments pages with one
/// dictionary and queries with another (the browser's), so the same word can end up split two
/// ways and never match. We hand Pagefind text that is already split, and split queries the same
/// way in theme/assets/js/search-text.js:
/// <list type="bullet">
/// <item>Unicode NFKC first, so ２層Ｃｏ and 2層Co, ＣＰ and CP, （ and ( are the same text.</item>
/// <item>Runs of kanji and kana become overlapping pairs of characters plus the run's last
/// character (地区社協 → 地区 区社 社協 協); any substring of two or more characters of the run is
/// then a sequence of those pairs, and a one-character query still prefix-matches.</item>
/// <item>Other letters and digits stay whole words; punctuation stays as its own token (for
/// readable excerpts) and is not indexed.</item>
/// </list>
/// The JS side reverses the pairs when it shows an excerpt. Keep both files in step: a browser
/// test compares them.
/// </summary>
public static partial class SearchText
{
    private enum Kind { Space, Cjk, Word, Other }

    /// <summary>Index text for an HTML fragment or plain text: tags stripped, entities decoded, then <see cref="Tokens"/>.</summary>
    public static string ForIndex(string htmlOrText)
    {
        var text = htmlOrText.Contains('<') ? Tags().Replace(htmlOrText, " ") : htmlOrText;
        if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length * 2);
        AppendTokens(normalized, sb);
        return sb.ToString();
    }

    /// <summary><c>string.Join(' ', Tokens(text))</c> for NFKC text, written straight into <paramref name="sb"/>:
    /// every case page's text goes through here, and a string per character was most of its cost.</summary>
    private static void AppendTokens(string normalized, StringBuilder sb)
    {
        var start = sb.Length;
        var runKind = Kind.Space;
        var runStart = 0;
        var previousRune = -1; // start of the previous character of a kanji/kana run
        var i = 0;
        while (i < normalized.Length)
        {
            Rune.DecodeFromUtf16(normalized.AsSpan(i), out var rune, out var length);
            var kind = KindOf(rune);
            if (kind == Kind.Other && runKind == Kind.Word && IsMark(rune)) kind = Kind.Word;
            if (kind != runKind)
            {
                Flush(i);
                runKind = kind;
                runStart = i;
                previousRune = -1;
            }
            if (runKind == Kind.Cjk)
            {
                if (previousRune >= 0) Append(previousRune, i + length);
                previousRune = i;
            }
            i += length;
        }
        Flush(normalized.Length);

        void Flush(int end)
        {
            if (runKind == Kind.Cjk) { if (previousRune >= 0) Append(previousRune, end); }
            else if (runKind != Kind.Space && end > runStart) Append(runStart, end);
        }
        void Append(int from, int to)
        {
            if (sb.Length > start) sb.Append(' ');
            sb.Append(normalized, from, to - from);
        }
    }

    /// <summary>The query as the index sees it: the same tokens, punctuation dropped.</summary>
    public static string ForQuery(string query) =>
        string.Join(' ', Tokens(query).Where(t => KindOf(Rune.GetRuneAt(t, 0)) != Kind.Other));

    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var run = new List<string>();
        var runKind = Kind.Space;
        void Flush()
        {
            if (run.Count == 0) return;
            if (runKind == Kind.Cjk)
            {
                for (var i = 0; i + 1 < run.Count; i++) tokens.Add(run[i] + run[i + 1]);
                tokens.Add(run[^1]);
            }
            else if (runKind != Kind.Space) tokens.Add(string.Concat(run));
            run.Clear();
        }
        foreach (var rune in normalized.EnumerateRunes())
        {
            var kind = KindOf(rune);
            // Combining marks stay with the word they follow.
            if (kind == Kind.Other && runKind == Kind.Word && IsMark(rune)) kind = Kind.Word;
            if (kind != runKind) { Flush(); runKind = kind; }
            run.Add(rune.ToString());
        }
        Flush();
        return tokens;
    }

    private static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static Kind KindOf(Rune r)
    {
        var c = r.Value;
        if (IsCjk(c)) return Kind.Cjk;
        if (Rune.IsWhiteSpace(r)) return Kind.Space;
        if (Rune.IsLetter(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.DecimalDigitNumber) return Kind.Word;
        return Kind.Other;
    }

    // Kanji (with 々〆〇), hiragana, katakana (with ー but not the middle dot ・). Same ranges as search-text.js.
    private static bool IsCjk(int c) =>
        c is >= 0x3005 and <= 0x3007
        or >= 0x3041 and <= 0x309F
        or >= 0x30A1 and <= 0x30FA
        or >= 0x30FC and <= 0x30FF
        or >= 0x31F0 and <= 0x31FF
        or >= 0x3400 and <= 0x4DBF
        or >= 0x4E00 and <= 0x9FFF
        or >= 0xF900 and <= 0xFAFF
        or >= 0x20000 and <= 0x3FFFF;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
