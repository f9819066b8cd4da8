namespace Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

/// <summary>A tag read from raw HTML: enough to know which element it opens or closes.</summary>
internal readonly record struct RawTag(string Name, bool Closing, bool SelfClosing);

/// <summary>Splits raw HTML into text and markup (tags, comments, declarations) without building a tree. Markdig
/// hands raw HTML over in pieces (one inline tag, one line of a block), so a tag or comment may continue into the
/// next piece: the scanner keeps where it is between calls.</summary>
internal struct RawHtmlScanner
{
    private enum State : byte { Text, Tag, Comment, Declaration }

    private State _state;
    private char _quote;
    private bool _slash;
    private string _name;
    private bool _closing;

    /// <summary>The length of the next part of <paramref name="html"/>, whether it is text, and the tag it ends, if any.</summary>
    public (int Length, bool IsText, RawTag? Tag) Next(ReadOnlySpan<char> html)
    {
        switch (_state)
        {
            case State.Tag: return ScanTag(html, 0);
            case State.Comment: return ScanTo(html, "-->");
            case State.Declaration: return ScanTo(html, ">");
        }
        if (html[0] == '<' && html.Length > 1)
        {
            if (html.StartsWith("<!--", StringComparison.Ordinal)) { _state = State.Comment; return ScanTo(html, "-->", 4); }
            if (html[1] is '!' or '?') { _state = State.Declaration; return ScanTo(html, ">", 2); }
            var closing = html[1] == '/';
            var start = closing ? 2 : 1;
            if (start < html.Length && char.IsAsciiLetter(html[start]))
            {
                var end = start;
                while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] == '-')) end++;
                _name = html[start..end].ToString();
                _closing = closing;
                _quote = '\0';
                _slash = false;
                _state = State.Tag;
                return ScanTag(html, end);
            }
        }
        var next = html[1..].IndexOf('<');
        return (next < 0 ? html.Length : next + 1, true, null);
    }

    private (int, bool, RawTag?) ScanTag(ReadOnlySpan<char> html, int from)
    {
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (_quote != '\0') { if (c == _quote) _quote = '\0'; continue; }
            if (c is '"' or '\'') { _quote = c; _slash = false; }
            else if (c == '>')
            {
                _state = State.Text;
                return (i + 1, false, new RawTag(_name, _closing, _slash));
            }
            else if (!char.IsWhiteSpace(c)) _slash = c == '/';
        }
        return (html.Length, false, null);
    }

    private (int, bool, RawTag?) ScanTo(ReadOnlySpan<char> html, string end, int from = 0)
    {
        var at = html[from..].IndexOf(end, StringComparison.Ordinal);
        if (at < 0) return (html.Length, false, null);
        _state = State.Text;
        return (from + at + end.Length, false, null);
    }
}
