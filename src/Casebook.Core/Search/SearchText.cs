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
/// <item>Runs of kanji and kana become overlapping pairs of characters (地区社協 → 地区 区社 社協); any
/// substring of two or more characters of the run is then a sequence of those pairs, and a one-character
/// query prefix-matches the pairs it starts. A run of one character is that character.</item>
/// <item>Other letters and digits stay whole words; punctuation stays as its own token (for
/// readable excerpts) and is not indexed.</item>
/// </list>
/// The JS side reverses the pairs when it shows an excerpt. Keep both files in step: a browser
/// test compares them.
/// </summary>
public static partial class SearchText
{
    private enum Kind { Space, Cjk, Word, Other }

    /// <summary>Index text for an HTML fragment or plain text: tags stripped, entities decoded, then <see cref="Tokens"/>,
    /// with the key of each variant spelling (<see cref="SearchVariants"/>) and of each repeated kanji (人々・人人) after
    /// the run of text it ends in.</summary>
    public static string ForIndex(string htmlOrText, SearchVariants? variants = null)
    {
        var text = htmlOrText.Contains('<') ? Tags().Replace(htmlOrText, " ") : htmlOrText;
        if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        var normalized = Normalize(text);
        var keys = new List<(int End, string Key)>();
        (variants ?? SearchVariants.Empty).FindAll(normalized, keys);
        FindRepeats(normalized, keys);
        if (keys.Count > 1) keys = keys.OrderBy(k => k.End).ToList(); // stable: same text, same index
        var sb = new StringBuilder(normalized.Length * 2);
        AppendTokens(normalized, sb, keys);
        return sb.ToString();
    }

    /// <summary>NFKC, and the kana iteration marks written out (こゝろ → こころ, いすゞ → いすず): the text both the index
    /// and queries are made from. Kanji's 々 stays (see <see cref="FindRepeats"/>).</summary>
    public static string Normalize(string text)
    {
        var n = text.Normalize(NormalizationForm.FormKC);
        if (n.AsSpan().IndexOfAny("ゝゞヽヾ") < 0) return n;
        var sb = new StringBuilder(n.Length);
        foreach (var c in n)
        {
            var previous = sb.Length > 0 ? sb[^1] : '\0';
            if (c is 'ゝ' or 'ヽ' or 'ゞ' or 'ヾ' && IsKana(previous))
            {
                if (c is 'ゝ' or 'ヽ') sb.Append(previous);
                else
                {
                    var voiced = (previous + "\u3099").Normalize(NormalizationForm.FormC);
                    sb.Append(voiced.Length == 1 ? voiced : previous.ToString());
                }
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsKana(char c) => c is >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA';

    private static bool IsKanji(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Key of a kanji written twice, with 々 or in full (人々・人人): <c>cbi04eba</c>.</summary>
    public static string RepeatKey(char kanji) => "cbi" + ((int)kanji).ToString("x5", CultureInfo.InvariantCulture);

    private static bool IsRepeat(string text, int i) =>
        i > 0 && IsKanji(text[i - 1]) && (text[i] == '々' || text[i] == text[i - 1]);

    private static void FindRepeats(string text, List<(int End, string Key)> into)
    {
        for (var i = 1; i < text.Length; i++)
            if (IsRepeat(text, i)) into.Add((i + 1, RepeatKey(text[i - 1])));
    }

    /// <summary><c>string.Join(' ', Tokens(text))</c> for normalised text, written straight into <paramref name="sb"/>
    /// (every case page's text goes through here, and a string per character was most of its cost), with each key of
    /// <paramref name="keys"/> (sorted by end) after the run its spelling ends in.</summary>
    private static void AppendTokens(string normalized, StringBuilder sb, List<(int End, string Key)> keys)
    {
        var start = sb.Length;
        var nextKey = 0;
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
            // A run's last character is in its last pair; alone it is indexed only when it is the whole run.
            if (runKind == Kind.Cjk) { if (previousRune == runStart) Append(runStart, end); }
            else if (runKind != Kind.Space && end > runStart) Append(runStart, end);
            for (; nextKey < keys.Count && keys[nextKey].End <= end; nextKey++)
            {
                if (sb.Length > start) sb.Append(' ');
                sb.Append(keys[nextKey].Key);
            }
        }
        void Append(int from, int to)
        {
            if (sb.Length > start) sb.Append(' ');
            sb.Append(normalized, from, to - from);
        }
    }

    /// <summary>The query as the index sees it (<see cref="Query"/>).</summary>
    public static string ForQuery(string query, SearchVariants? variants = null) => Query(query, variants).Terms;

    /// <summary>The query's terms for Pagefind, and the spellings searched for each variant it holds.</summary>
    public sealed record QueryFold(string Terms, IReadOnlyList<IReadOnlyList<string>> Forms);

    /// <summary>
    /// The query as the index sees it: the same tokens, punctuation dropped. Where a variant spelling starts, the longest
    /// one becomes its group's key, and a repeated kanji (人々・人人) its repeat key: each a term of its own, the text
    /// around it split apart (Pagefind wants every term somewhere on the page, and matches a term as a prefix of a
    /// word). A katakana word of three or more letters loses a final ー and ends its run, so コーディネーター and
    /// コーディネータ find each other (タ is a prefix of ター).
    /// </summary>
    public static QueryFold Query(string query, SearchVariants? variants = null)
    {
        variants ??= SearchVariants.Empty;
        var text = Normalize(query);
        var terms = new List<string>();
        var forms = new List<IReadOnlyList<string>>();
        var plain = new StringBuilder();
        void FlushPlain()
        {
            if (plain.Length == 0) return;
            terms.AddRange(Tokens(WithoutLongVowels(plain.ToString())).Where(t => KindOf(Rune.GetRuneAt(t, 0)) != Kind.Other));
            plain.Clear();
        }
        for (var i = 0; i < text.Length;)
        {
            var group = variants.LongestAt(text, i, out var length);
            if (group is not null)
            {
                FlushPlain();
                terms.Add(group.Key);
                if (!forms.Contains(group.Shown)) forms.Add(group.Shown);
                i += length;
            }
            else if (i + 1 < text.Length && IsRepeat(text, i + 1))
            {
                FlushPlain();
                terms.Add(RepeatKey(text[i]));
                forms.Add([text[i] + "々", new string(text[i], 2)]);
                i += 2;
            }
            else plain.Append(text[i++]);
        }
        FlushPlain();
        return new QueryFold(string.Join(' ', terms), forms);
    }

    private static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FA' or 'ー';

    private static string WithoutLongVowels(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (!IsKatakana(text[i])) { sb.Append(text[i++]); continue; }
            var end = i;
            while (end < text.Length && IsKatakana(text[end])) end++;
            var core = text[i..end].TrimEnd('ー');
            if (core.Length >= 3) sb.Append(core).Append(' ');
            else sb.Append(text, i, end - i);
            i = end;
        }
        return sb.ToString();
    }

    /// <summary>Whether Pagefind indexes this token: it starts with kanji/kana, a letter or a digit (not punctuation).</summary>
    internal static bool IsCjk(char c) => IsCjk((int)c);

    internal static bool IsIndexed(string token)
    {
        Rune.DecodeFromUtf16(token, out var rune, out _);
        return KindOf(rune) is Kind.Cjk or Kind.Word;
    }

    /// <summary>A letter or digit outside the kanji/kana ranges: part of a word that stays whole.</summary>
    internal static bool IsWordChar(char c) => !char.IsSurrogate(c) && KindOf(new Rune(c)) == Kind.Word;

    /// <summary>The tokens of <paramref name="text"/>, for the index and for a query alike: a kanji/kana run as overlapping
    /// pairs; a run of one character as that character. The last character of a longer run is in its last pair: alone,
    /// as a one-character prefix, it matched every word starting with it in a query (a broad query then scored thousands
    /// of extra words: タクシー took 2.3 s in the browser at 10,000 cases), and in the index it was 8 % of the words.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var normalized = Normalize(text);
        var run = new List<string>();
        var runKind = Kind.Space;
        void Flush()
        {
            if (run.Count == 0) return;
            if (runKind == Kind.Cjk)
            {
                for (var i = 0; i + 1 < run.Count; i++) tokens.Add(run[i] + run[i + 1]);
                if (run.Count == 1) tokens.Add(run[0]);
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
