using System.Text;
using System.Text.RegularExpressions;
using Casebook.Core.Model;

namespace Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

/// <summary>A glossary entry as it is marked up in text: where its explanation lives.</summary>
public sealed record AbbreviationTarget(GlossaryEntry Entry, string Href);

/// <summary>The abbreviations one case may use (略字表記): its volume's glossary first, then the
/// site-wide entries. One regular expression matches all of them, longest first, so 「地区社協」 wins
/// over 「社協」 at the same place.</summary>
public sealed class AbbreviationSet
{
    private readonly Regex? _pattern;
    private readonly Dictionary<string, AbbreviationTarget> _byText;

    public static readonly AbbreviationSet Empty = new([]);

    // Compiling a pattern costs tens of milliseconds; serve makes the sets again on every rebuild from the same glossaries.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public AbbreviationSet(IEnumerable<AbbreviationTarget> targets)
    {
        _byText = new Dictionary<string, AbbreviationTarget>(StringComparer.Ordinal);
        foreach (var t in targets)
            foreach (var form in Forms(t.Entry.Abbr))
                _byText.TryAdd(form, t); // earlier sets (the volume's) win over site-wide ones
        if (_byText.Count == 0) return;
        var alternatives = _byText.Keys
            .OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)
            .Select(Alternative);
        _pattern = Compiled.GetOrAdd(string.Join("|", alternatives), p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.Compiled));
    }

    public IReadOnlyCollection<AbbreviationTarget> Targets => _byText.Values.Distinct().ToList();

    public Regex? Pattern => _pattern;

    public AbbreviationTarget Lookup(string text) => _byText[text];

    /// <summary>The written form, its NFKC form (２層Co → 2層Co) and its full-width form (CP → ＣＰ).</summary>
    private static IEnumerable<string> Forms(string abbr)
    {
        var trimmed = abbr.Trim();
        if (trimmed.Length == 0) yield break;
        yield return trimmed;
        var nfkc = trimmed.Normalize(NormalizationForm.FormKC);
        yield return nfkc;
        var wide = new StringBuilder(nfkc.Length);
        foreach (var ch in nfkc) wide.Append(ch is >= '!' and <= '~' ? (char)(ch - '!' + '！') : ch);
        yield return wide.ToString();
    }

    // Latin abbreviations must stand alone: CP is not marked inside CPU or PCP. Japanese has no spaces,
    // so a kanji (katakana) abbreviation right after another kanji (katakana) is taken to be part of a
    // longer word: 協議会 in 社会福祉協議会 is not 自立支援協議会. Missing a mark is harmless; a wrong
    // expansion misleads.
    private static string Alternative(string form)
    {
        var body = Regex.Escape(form);
        if (IsAsciiWordChar(form[0])) body = "(?<![A-Za-z0-9])" + body;
        else if (IsKanji(form[0])) body = "(?<![\\p{IsCJKUnifiedIdeographs}々〆])" + body;
        else if (IsKatakana(form[0])) body = "(?<![\\p{IsKatakana}ー])" + body;
        if (IsAsciiWordChar(form[^1])) body += "(?![A-Za-z0-9])";
        return body;
    }

    private static bool IsKanji(char c) => c is (>= '\u4E00' and <= '\u9FFF') or '々' or '〆';
    private static bool IsKatakana(char c) => c is >= '\u30A0' and <= '\u30FF';

    private static bool IsAsciiWordChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
