using Casebook.Core.Model;
using Markdig.Renderers;

namespace Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

/// <summary>What the abbreviation writers share while one document is written: the set, the entries already marked,
/// and whether the text being written may be marked. Text in headings, links, code and existing abbreviations is
/// left alone and does not count as the first use; so is text inside such elements written as raw HTML.</summary>
internal sealed class AbbreviationMarker
{
    // Elements whose text is never marked when raw HTML opens them.
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea",
    };

    private AbbreviationSet? _set;
    private HashSet<GlossaryEntry> _seen = new(ReferenceEqualityComparer.Instance);
    private List<AbbreviationTarget> _used = [];
    private int _rawSkipped;
    private RawHtmlScanner _raw;

    /// <summary>Headings and links being written (Markdown's own).</summary>
    public int Skipped { get; set; }

    public List<AbbreviationTarget> Begin(AbbreviationSet? set)
    {
        _set = set;
        _seen = new(ReferenceEqualityComparer.Instance);
        _used = [];
        Skipped = _rawSkipped = 0;
        _raw = default;
        return _used;
    }

    /// <summary>Whether any text of this document can be marked at all.</summary>
    public bool Enabled => _set?.Pattern is not null;

    private bool Marking => Enabled && Skipped == 0 && _rawSkipped == 0;

    /// <summary>Markdown text: escaped, with the first uses marked.</summary>
    public void WriteText(HtmlRenderer renderer, ReadOnlySpan<char> text) => WriteMarked(renderer, text, escape: true);

    /// <summary>Raw HTML (one inline tag, or a line of an HTML block): written as it is, with the first uses in its
    /// text marked; the elements it opens and closes decide whether later text is marked.</summary>
    public void WriteRaw(HtmlRenderer renderer, ReadOnlySpan<char> html)
    {
        var at = 0;
        while (at < html.Length)
        {
            var (length, isText, tag) = _raw.Next(html[at..]);
            var part = html.Slice(at, length);
            if (isText) WriteRawText(renderer, part);
            else
            {
                renderer.Write(part);
                if (tag is { } t && SkippedElements.Contains(t.Name))
                {
                    if (t.Closing) _rawSkipped = Math.Max(0, _rawSkipped - 1);
                    else if (!t.SelfClosing) _rawSkipped++;
                }
            }
            at += length;
        }
    }

    private void WriteRawText(HtmlRenderer renderer, ReadOnlySpan<char> text) => WriteMarked(renderer, text, escape: false);

    /// <summary>Writes <paramref name="text"/> (escaped for Markdown text, as it is for raw HTML's text) with the first
    /// use of each abbreviation marked.</summary>
    private void WriteMarked(HtmlRenderer renderer, ReadOnlySpan<char> text, bool escape)
    {
        if (!Marking) { Write(renderer, text, escape); return; }
        var at = 0;
        foreach (var m in _set!.Pattern!.EnumerateMatches(text))
        {
            var target = _set.Lookup(text.Slice(m.Index, m.Length).ToString());
            if (!_seen.Add(target.Entry)) continue;
            _used.Add(target);
            Write(renderer, text[at..m.Index], escape);
            Mark(renderer, target, text.Slice(m.Index, m.Length), escape);
            at = m.Index + m.Length;
        }
        Write(renderer, text[at..], escape);
    }

    private static void Write(HtmlRenderer renderer, ReadOnlySpan<char> text, bool escape)
    {
        if (escape) renderer.WriteEscape(text); else renderer.Write(text);
    }

    private static void Mark(HtmlRenderer renderer, AbbreviationTarget target, ReadOnlySpan<char> text, bool escape)
    {
        renderer.Write("<a class=\"abbr\" href=\"").WriteEscape(target.Href).Write("\"><abbr title=\"").WriteEscape(target.Entry.Expansion).Write("\">");
        Write(renderer, text, escape);
        renderer.Write("</abbr></a>");
    }
}
