using System.Globalization;
using System.Text;

namespace Casebook.Core.Rendering.Print;

/// <summary>
/// A body fragment as Markdig writes it, read as a flat list of start tags, end tags and texts, so that
/// the print edition (<see cref="PrintBody"/>) need not build an AngleSharp document for every case.
/// <para>Only markup whose AngleSharp tree is exactly its token list is accepted: known elements,
/// lower-case names, double-quoted attributes, explicit end tags that close the current element, blocks
/// only where HTML allows them without implied tags, tables with thead/tbody, and the character
/// references Markdig writes. Anything else (raw HTML, grid-table &lt;col&gt;, comments, CR) makes
/// <see cref="TryParse"/> return null and the caller parses with AngleSharp.</para>
/// <para><see cref="Write"/> serialises as AngleSharp's <c>InnerHtml</c> does (void elements without a
/// slash; text escapes &amp; &lt; &gt; and no-break space; attribute values also "),
/// so both paths give the same bytes.</para>
/// </summary>
internal sealed class HtmlFragment
{
    public enum Kind : byte { Start, End, Text }

    public struct Token
    {
        public Kind Kind;
        /// <summary>Element name (start and end tags).</summary>
        public string Name;
        /// <summary>Decoded text (text tokens).</summary>
        public string Text;
        /// <summary>Attributes of a start tag, decoded, in source order; null when it has none.</summary>
        public List<KeyValuePair<string, string>>? Attributes;
    }

    public List<Token> Tokens { get; }

    private HtmlFragment(List<Token> tokens) => Tokens = tokens;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "br", "hr", "img" };

    // Elements that may start only where flow content is allowed, and close nothing implicitly there.
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table", "div", "hr",
    };

    // Elements whose content may hold blocks.
    private static readonly HashSet<string> FlowContainers = new(StringComparer.Ordinal) { "li", "dd", "blockquote", "div" };

    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "a", "abbr", "em", "strong", "code", "del", "ins", "mark", "sup", "sub", "br", "img",
    };

    // Table parts where the parser would foster-parent anything but whitespace.
    private static readonly HashSet<string> TableStructure = new(StringComparer.Ordinal) { "table", "thead", "tbody", "tr" };

    /// <summary>The fragment's tokens, or null when AngleSharp might build a different tree from it.</summary>
    public static HtmlFragment? TryParse(string html)
    {
        var tokens = new List<Token>();
        var stack = new List<string>();
        var openLinks = 0;
        var i = 0;
        var n = html.Length;
        while (i < n)
        {
            var c = html[i];
            if (c != '<')
            {
                var end = html.IndexOf('<', i);
                if (end < 0) end = n;
                var text = DecodeText(html, i, end);
                if (text is null) return null;
                var parent = stack.Count == 0 ? "" : stack[^1];
                if (TableStructure.Contains(parent) && !IsWhitespace(text)) return null;
                // The parser drops a newline right after <pre>, and the serialiser adds one back.
                if (parent == "pre" && text.Length > 0 && text[0] == '\n' && tokens[^1].Kind == Kind.Start) return null;
                tokens.Add(new Token { Kind = Kind.Text, Text = text });
                i = end;
                continue;
            }
            if (i + 1 >= n) return null;
            if (html[i + 1] == '/')
            {
                var j = i + 2;
                var name = ReadName(html, ref j);
                if (name is null || j >= n || html[j] != '>') return null;
                if (stack.Count == 0 || stack[^1] != name) return null;
                stack.RemoveAt(stack.Count - 1);
                if (name == "a") openLinks--;
                tokens.Add(new Token { Kind = Kind.End, Name = name });
                i = j + 1;
                continue;
            }
            {
                var j = i + 1;
                var name = ReadName(html, ref j);
                if (name is null) return null;
                var isVoid = Void.Contains(name);
                if (!Allowed(name, stack, openLinks)) return null;
                List<KeyValuePair<string, string>>? attributes = null;
                while (true)
                {
                    if (j >= n) return null;
                    if (html[j] == '>') { j++; break; }
                    if (html[j] == ' ' && j + 2 < n && html[j + 1] == '/' && html[j + 2] == '>' && isVoid) { j += 3; break; }
                    if (html[j] != ' ') return null;
                    j++;
                    var attr = ReadName(html, ref j);
                    if (attr is null || j + 1 >= n || html[j] != '=' || html[j + 1] != '"') return null;
                    var close = html.IndexOf('"', j + 2);
                    if (close < 0) return null;
                    var value = DecodeAttribute(html, j + 2, close);
                    if (value is null) return null;
                    attributes ??= new List<KeyValuePair<string, string>>(2);
                    foreach (var a in attributes) if (a.Key == attr) return null; // the parser keeps only the first
                    attributes.Add(new(attr, value));
                    j = close + 1;
                }
                tokens.Add(new Token { Kind = Kind.Start, Name = name, Attributes = attributes });
                if (!isVoid)
                {
                    stack.Add(name);
                    if (name == "a") openLinks++;
                }
                i = j;
            }
        }
        return stack.Count == 0 ? new HtmlFragment(tokens) : null;
    }

    private static bool Allowed(string name, List<string> stack, int openLinks)
    {
        var parent = stack.Count == 0 ? "" : stack[^1];
        if (Blocks.Contains(name)) return parent.Length == 0 || FlowContainers.Contains(parent);
        switch (name)
        {
            case "li": return parent is "ul" or "ol";
            case "dt" or "dd": return parent == "dl";
            case "thead" or "tbody": return parent == "table";
            case "tr": return parent is "thead" or "tbody";
            case "th" or "td": return parent == "tr";
            case "a": return openLinks == 0 && !TableStructure.Contains(parent);
        }
        return Inline.Contains(name) && !TableStructure.Contains(parent);
    }

    private static string? ReadName(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (s[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (s[i] == '-' && i > start))) i++;
        if (i == start || s[start] is < 'a' or > 'z') return null;
        return s.Substring(start, i - start);
    }

    private static bool IsWhitespace(string s)
    {
        foreach (var ch in s) if (ch is not (' ' or '\n' or '\t' or '\f')) return false;
        return true;
    }

    private static string? DecodeText(string s, int start, int end)
    {
        for (var k = start; k < end; k++)
            if (s[k] is '&' or '\r' or '\0') return DecodeSlow(s, start, end);
        return s.Substring(start, end - start);
    }

    private static string? DecodeAttribute(string s, int start, int end)
    {
        for (var k = start; k < end; k++)
            if (s[k] is '&' or '\r' or '\0') return DecodeSlow(s, start, end);
        return s.Substring(start, end - start);
    }

    private static string? DecodeSlow(string s, int start, int end)
    {
        var sb = new StringBuilder(end - start);
        for (var k = start; k < end; k++)
        {
            var ch = s[k];
            if (ch is '\r' or '\0') return null;
            if (ch != '&') { sb.Append(ch); continue; }
            var semi = s.IndexOf(';', k + 1, Math.Min(12, end - k - 1));
            if (semi < 0) return null;
            var name = s.AsSpan(k + 1, semi - k - 1);
            if (name.SequenceEqual("amp")) sb.Append('&');
            else if (name.SequenceEqual("lt")) sb.Append('<');
            else if (name.SequenceEqual("gt")) sb.Append('>');
            else if (name.SequenceEqual("quot")) sb.Append('"');
            else if (name.Length > 1 && name[0] == '#')
            {
                var hex = name[1] is 'x' or 'X';
                var digits = name[(hex ? 2 : 1)..];
                if (digits.Length == 0 || digits.Length > 6 ||
                    !int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                    return null;
                // Only code points the parser takes as they are (no replacement table, no U+FFFD).
                if (code is < 0x20 or (>= 0x7F and < 0xA0) or (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF) return null;
                sb.Append(char.ConvertFromUtf32(code));
            }
            else return null;
            k = semi;
        }
        return sb.ToString();
    }

    /// <summary>Writes one token as AngleSharp serialises the element or text it stands for.</summary>
    public static void Write(StringBuilder sb, in Token t)
    {
        switch (t.Kind)
        {
            case Kind.Text: WriteText(sb, t.Text); break;
            case Kind.End: sb.Append("</").Append(t.Name).Append('>'); break;
            default:
                sb.Append('<').Append(t.Name);
                if (t.Attributes is { } attributes)
                    foreach (var (name, value) in attributes) WriteAttribute(sb, name, value);
                sb.Append('>');
                break;
        }
    }

    public static void WriteAttribute(StringBuilder sb, string name, string value)
    {
        sb.Append(' ').Append(name).Append("=\"");
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\u00A0': sb.Append("&nbsp;"); break;
                default: sb.Append(ch); break;
            }
        }
        sb.Append('"');
    }

    public static void WriteText(StringBuilder sb, ReadOnlySpan<char> text)
    {
        var from = 0;
        for (var k = 0; k < text.Length; k++)
        {
            var escape = text[k] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '\u00A0' => "&nbsp;", _ => null };
            if (escape is null) continue;
            sb.Append(text[from..k]).Append(escape);
            from = k + 1;
        }
        sb.Append(text[from..]);
    }

    public string Write()
    {
        var sb = new StringBuilder();
        foreach (var t in Tokens) Write(sb, t);
        return sb.ToString();
    }
}
