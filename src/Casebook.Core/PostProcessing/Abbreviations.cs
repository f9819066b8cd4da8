using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Casebook.Core.Model;

namespace Casebook.Core.PostProcessing;

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

    internal Regex? Pattern => _pattern;

    internal AbbreviationTarget Lookup(string text) => _byText[text];

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

/// <summary>Post-processing pass: marks each glossary abbreviation at its first use in a document as
/// <c>&lt;a class="abbr" href="…#g-…"&gt;&lt;abbr title="expansion"&gt;CP&lt;/abbr&gt;&lt;/a&gt;</c>.
/// Text inside links, headings, code and existing abbreviations is left alone (and does not count as
/// the first use). One parse and one walk over the text nodes per document.</summary>
public static class Abbreviations
{
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea",
    };

    public sealed record Result(string Html, IReadOnlyList<AbbreviationTarget> Used);

    public static Result Apply(string html, AbbreviationSet set)
    {
        var pattern = set.Pattern;
        // Most documents use no abbreviation at all: skip parsing them.
        if (pattern is null || !pattern.IsMatch(html)) return new Result(html, []);
        // Markdig's own markup is read as tokens; anything else (raw HTML) goes through AngleSharp.
        return HtmlFragment.TryParse(html) is { } fragment ? Apply(fragment, html, set) : ApplyParsed(html, set);
    }

    private static Result Apply(HtmlFragment fragment, string html, AbbreviationSet set)
    {
        var pattern = set.Pattern!;
        var tokens = fragment.Tokens;
        var used = new List<AbbreviationTarget>();
        var seen = new HashSet<GlossaryEntry>(ReferenceEqualityComparer.Instance);
        Dictionary<int, List<(int Index, int Length, AbbreviationTarget Target)>>? hitsByToken = null;
        var skipped = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == HtmlFragment.Kind.Start) { if (SkippedElements.Contains(token.Name)) skipped++; continue; }
            if (token.Kind == HtmlFragment.Kind.End) { if (SkippedElements.Contains(token.Name)) skipped--; continue; }
            if (skipped > 0) continue;
            List<(int Index, int Length, AbbreviationTarget Target)>? hits = null;
            foreach (Match m in pattern.Matches(token.Text))
            {
                var target = set.Lookup(m.Value);
                if (!seen.Add(target.Entry)) continue;
                (hits ??= new()).Add((m.Index, m.Length, target));
                used.Add(target);
            }
            if (hits is not null) (hitsByToken ??= new())[i] = hits;
        }
        if (hitsByToken is null) return new Result(html, []);

        var sb = new StringBuilder(html.Length + 128 * used.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!hitsByToken.TryGetValue(i, out var hits)) { HtmlFragment.Write(sb, tokens[i]); continue; }
            var data = tokens[i].Text;
            var at = 0;
            foreach (var (index, length, target) in hits)
            {
                HtmlFragment.WriteText(sb, data.AsSpan(at, index - at));
                sb.Append("<a");
                HtmlFragment.WriteAttribute(sb, "class", "abbr");
                HtmlFragment.WriteAttribute(sb, "href", target.Href);
                sb.Append("><abbr");
                HtmlFragment.WriteAttribute(sb, "title", target.Entry.Expansion);
                sb.Append('>');
                HtmlFragment.WriteText(sb, data.AsSpan(index, length));
                sb.Append("</abbr></a>");
                at = index + length;
            }
            HtmlFragment.WriteText(sb, data.AsSpan(at));
        }
        return new Result(sb.ToString(), used);
    }

    /// <summary>The same pass over an AngleSharp document: for markup <see cref="HtmlFragment"/> does not take.</summary>
    internal static Result ApplyParsed(string html, AbbreviationSet set)
    {
        var pattern = set.Pattern;
        if (pattern is null || !pattern.IsMatch(html)) return new Result(html, []);

        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var body = document.Body!;
        var used = new List<AbbreviationTarget>();
        var seen = new HashSet<GlossaryEntry>(ReferenceEqualityComparer.Instance);
        var texts = new List<IText>();
        Collect(body, texts);
        foreach (var text in texts)
        {
            var data = text.Data;
            List<(int Index, int Length, AbbreviationTarget Target)>? hits = null;
            foreach (Match m in pattern.Matches(data))
            {
                var target = set.Lookup(m.Value);
                if (!seen.Add(target.Entry)) continue;
                (hits ??= new()).Add((m.Index, m.Length, target));
                used.Add(target);
            }
            if (hits is null) continue;
            var parent = text.Parent!;
            var at = 0;
            foreach (var (index, length, target) in hits)
            {
                if (index > at) parent.InsertBefore(document.CreateTextNode(data[at..index]), text);
                var link = document.CreateElement("a");
                link.ClassName = "abbr";
                link.SetAttribute("href", target.Href);
                var abbr = document.CreateElement("abbr");
                abbr.SetAttribute("title", target.Entry.Expansion);
                abbr.TextContent = data.Substring(index, length);
                link.AppendChild(abbr);
                parent.InsertBefore(link, text);
                at = index + length;
            }
            if (at < data.Length) parent.InsertBefore(document.CreateTextNode(data[at..]), text);
            parent.RemoveChild(text);
        }
        return used.Count == 0 ? new Result(html, []) : new Result(body.InnerHtml, used);
    }

    private static void Collect(INode node, List<IText> texts)
    {
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is IText t) texts.Add(t);
            else if (child is IElement e && !SkippedElements.Contains(e.LocalName)) Collect(e, texts);
        }
    }
}
