using System.Buffers;
using System.Globalization;
using System.Text;

namespace Casebook.Core.Rendering.Print;

/// <summary>What <see cref="HtmlFragment.Read"/> hands on, in document order: texts (decoded), start tags with their
/// attributes (decoded, in source order), end tags. A span is valid only during the call.</summary>
internal interface IHtmlTokenSink
{
    void Text(ReadOnlySpan<char> text);
    void StartTag(string name);
    void Attribute(string element, ReadOnlySpan<char> name, ReadOnlySpan<char> value);
    void StartTagEnd(string name);
    void EndTag(string name);
}

/// <summary>
/// A body fragment as Markdig writes it, read in one pass as a stream of start tags, end tags and texts, so that
/// the print edition (<see cref="PrintBody"/>) need not build an AngleSharp document, nor a token list, for every case.
/// <para>Only markup whose AngleSharp tree is exactly its token stream is accepted: known elements,
/// lower-case names, double-quoted attributes, explicit end tags that close the current element, blocks
/// only where HTML allows them without implied tags, tables with thead/tbody, and the character
/// references Markdig writes. Anything else (raw HTML, grid-table &lt;col&gt;, comments, CR) makes
/// <see cref="Read"/> return false — after the sink has been given the tokens before it — and the caller
/// parses with AngleSharp.</para>
/// <para><see cref="WriteText"/> and <see cref="WriteAttribute"/> serialise as AngleSharp's <c>InnerHtml</c> does
/// (void elements without a slash; text escapes &amp; &lt; &gt; and no-break space; attribute values also "),
/// so both paths give the same bytes.</para>
/// </summary>
internal static class HtmlFragment
{
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

    // Every element name Allowed can accept: a name read from the markup is looked up here, so that it costs no string.
    private static readonly HashSet<string> Known = new(Blocks.Concat(FlowContainers).Concat(Inline)
        .Concat(["li", "dt", "dd", "thead", "tbody", "tr", "th", "td"]), StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    // Characters that send a text or attribute value to the decoder (a reference, or a character the parser changes).
    private static readonly SearchValues<char> NeedsDecoding = SearchValues.Create("&\r\0");
    private static readonly SearchValues<char> TextEscapes = SearchValues.Create("&<>\u00A0");
    private static readonly SearchValues<char> AttributeEscapes = SearchValues.Create("&\"<>\u00A0");

    /// <summary>Whether the whole fragment is markup AngleSharp would build exactly as read.</summary>
    public static bool Accepts(string html)
    {
        var none = new NoSink();
        return Read(html, ref none);
    }

    /// <summary>Reads the fragment into <paramref name="sink"/>; false (part way through) when AngleSharp might build a
    /// different tree from it.</summary>
    public static bool Read<TSink>(string html, ref TSink sink) where TSink : struct, IHtmlTokenSink
    {
        var stack = new List<string>();
        var openLinks = 0;
        var lastWasStart = false;
        var i = 0;
        var n = html.Length;
        while (i < n)
        {
            var c = html[i];
            if (c != '<')
            {
                var end = html.IndexOf('<', i);
                if (end < 0) end = n;
                var raw = html.AsSpan(i, end - i);
                ReadOnlySpan<char> text;
                if (raw.IndexOfAny(NeedsDecoding) < 0) text = raw;
                else if (DecodeSlow(raw) is { } decoded) text = decoded;
                else return false;
                var parent = stack.Count == 0 ? "" : stack[^1];
                if (TableStructure.Contains(parent) && !IsWhitespace(text)) return false;
                // The parser drops a newline right after <pre>, and the serialiser adds one back.
                if (parent == "pre" && text.Length > 0 && text[0] == '\n' && lastWasStart) return false;
                sink.Text(text);
                lastWasStart = false;
                i = end;
                continue;
            }
            if (i + 1 >= n) return false;
            if (html[i + 1] == '/')
            {
                var j = i + 2;
                var name = ReadElementName(html, ref j);
                if (name is null || j >= n || html[j] != '>') return false;
                if (stack.Count == 0 || !ReferenceEquals(stack[^1], name)) return false;
                stack.RemoveAt(stack.Count - 1);
                if (name == "a") openLinks--;
                sink.EndTag(name);
                lastWasStart = false;
                i = j + 1;
                continue;
            }
            {
                var j = i + 1;
                var name = ReadElementName(html, ref j);
                if (name is null) return false;
                var isVoid = Void.Contains(name);
                if (!Allowed(name, stack, openLinks)) return false;
                sink.StartTag(name);
                var firstAttribute = -1; // where the tag's first attribute name starts, for the duplicate check
                while (true)
                {
                    if (j >= n) return false;
                    if (html[j] == '>') { j++; break; }
                    if (html[j] == ' ' && j + 2 < n && html[j + 1] == '/' && html[j + 2] == '>' && isVoid) { j += 3; break; }
                    if (html[j] != ' ') return false;
                    j++;
                    var attrStart = j;
                    if (!ReadName(html, ref j)) return false;
                    var attr = html.AsSpan(attrStart, j - attrStart);
                    if (j + 1 >= n || html[j] != '=' || html[j + 1] != '"') return false;
                    var close = html.IndexOf('"', j + 2);
                    if (close < 0) return false;
                    if (firstAttribute >= 0 && Repeats(html, firstAttribute, attrStart, attr)) return false; // the parser keeps only the first
                    if (firstAttribute < 0) firstAttribute = attrStart;
                    var raw = html.AsSpan(j + 2, close - j - 2);
                    ReadOnlySpan<char> value;
                    if (raw.IndexOfAny(NeedsDecoding) < 0) value = raw;
                    else if (DecodeSlow(raw) is { } decoded) value = decoded;
                    else return false;
                    sink.Attribute(name, attr, value);
                    j = close + 1;
                }
                sink.StartTagEnd(name);
                lastWasStart = true;
                if (!isVoid)
                {
                    stack.Add(name);
                    if (name == "a") openLinks++;
                }
                i = j;
            }
        }
        return stack.Count == 0;
    }

    /// <summary>Whether an attribute named <paramref name="attr"/> came earlier in the tag (between
    /// <paramref name="from"/> and <paramref name="to"/>, which the reader has already checked: names, then ="…").</summary>
    private static bool Repeats(string html, int from, int to, ReadOnlySpan<char> attr)
    {
        var k = from;
        while (k < to)
        {
            var start = k;
            ReadName(html, ref k);
            if (html.AsSpan(start, k - start).SequenceEqual(attr)) return true;
            k = html.IndexOf('"', k + 2) + 2; // past ="value" and the space before the next name
        }
        return false;
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

    /// <summary>A name as <see cref="ReadName"/> reads it, as one of the element names <see cref="Allowed"/> may accept;
    /// null for any other (which it would refuse).</summary>
    private static string? ReadElementName(string s, ref int i)
    {
        var start = i;
        if (!ReadName(s, ref i)) return null;
        return KnownBySpan.TryGetValue(s.AsSpan(start, i - start), out var name) ? name : null;
    }

    private static bool ReadName(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (s[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (s[i] == '-' && i > start))) i++;
        return i != start && s[start] is >= 'a' and <= 'z';
    }

    private static bool IsWhitespace(ReadOnlySpan<char> s)
    {
        foreach (var ch in s) if (ch is not (' ' or '\n' or '\t' or '\f')) return false;
        return true;
    }

    private static string? DecodeSlow(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        for (var k = 0; k < s.Length; k++)
        {
            var ch = s[k];
            if (ch is '\r' or '\0') return null;
            if (ch != '&') { sb.Append(ch); continue; }
            var semi = s.Slice(k + 1, Math.Min(12, s.Length - k - 1)).IndexOf(';');
            if (semi < 0) return null;
            semi += k + 1;
            var name = s[(k + 1)..semi];
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

    /// <summary>An attribute as AngleSharp serialises it: a space, the name, and the value in double quotes.</summary>
    public static void WriteAttribute(CharBuffer sb, ReadOnlySpan<char> name, ReadOnlySpan<char> value) => WriteAttribute(sb, name, [], value);

    /// <summary>An attribute whose value is <paramref name="prefix"/> followed by <paramref name="value"/>.</summary>
    public static void WriteAttribute(CharBuffer sb, ReadOnlySpan<char> name, ReadOnlySpan<char> prefix, ReadOnlySpan<char> value)
    {
        sb.Append(' ');
        sb.Append(name);
        sb.Append("=\"");
        WriteAttributeValue(sb, prefix);
        WriteAttributeValue(sb, value);
        sb.Append('"');
    }

    private static void WriteAttributeValue(CharBuffer sb, ReadOnlySpan<char> value)
    {
        while (true)
        {
            var k = value.IndexOfAny(AttributeEscapes);
            if (k < 0) break;
            sb.Append(value[..k]);
            sb.Append(value[k] switch { '&' => "&amp;", '"' => "&quot;", '<' => "&lt;", '>' => "&gt;", _ => "&nbsp;" });
            value = value[(k + 1)..];
        }
        sb.Append(value);
    }

    /// <summary>A text as AngleSharp serialises it.</summary>
    public static void WriteText(CharBuffer sb, ReadOnlySpan<char> text)
    {
        while (true)
        {
            var k = text.IndexOfAny(TextEscapes);
            if (k < 0) break;
            sb.Append(text[..k]);
            sb.Append(text[k] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "&nbsp;" });
            text = text[(k + 1)..];
        }
        sb.Append(text);
    }

    /// <summary>The fragment written back unchanged, as AngleSharp would serialise it (null when not accepted).</summary>
    public static string? Rewrite(string html)
    {
        var sink = new CopySink(new CharBuffer(html.Length));
        return Read(html, ref sink) ? sink.Buffer.ToString() : null;
    }

    private struct NoSink : IHtmlTokenSink
    {
        public void Text(ReadOnlySpan<char> text) { }
        public void StartTag(string name) { }
        public void Attribute(string element, ReadOnlySpan<char> name, ReadOnlySpan<char> value) { }
        public void StartTagEnd(string name) { }
        public void EndTag(string name) { }
    }

    private struct CopySink(CharBuffer buffer) : IHtmlTokenSink
    {
        public readonly CharBuffer Buffer = buffer;
        public void Text(ReadOnlySpan<char> text) => WriteText(Buffer, text);
        public void StartTag(string name) { Buffer.Append('<'); Buffer.Append(name); }
        public void Attribute(string element, ReadOnlySpan<char> name, ReadOnlySpan<char> value) => WriteAttribute(Buffer, name, value);
        public void StartTagEnd(string name) => Buffer.Append('>');
        public void EndTag(string name) { Buffer.Append("</"); Buffer.Append(name); Buffer.Append('>'); }
    }
}

/// <summary>A growable run of characters: a StringBuilder without chunks, so that one buffer per thread can be kept and
/// refilled for every fragment (<see cref="PrintBody"/>).</summary>
internal sealed class CharBuffer(int capacity)
{
    private char[] _chars = new char[Math.Max(capacity, 16)];
    private int _length;

    public int Length => _length;

    public void Clear() => _length = 0;

    public void Append(char c)
    {
        if (_length == _chars.Length) Grow(1);
        _chars[_length++] = c;
    }

    public void Append(ReadOnlySpan<char> s)
    {
        if (_length + s.Length > _chars.Length) Grow(s.Length);
        s.CopyTo(_chars.AsSpan(_length));
        _length += s.Length;
    }

    private void Grow(int more) => Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + more));

    public override string ToString() => new(_chars, 0, _length);
}
