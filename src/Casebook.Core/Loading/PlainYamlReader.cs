using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Casebook.Core.Loading;

/// <summary>
/// A quick reader for the plain shapes front matter is nearly always written in: <c>key: value</c> lines, quoted or
/// unquoted one-line values, one-line <c>[a, b]</c> lists, indented mappings and <c>- </c> lists of values or
/// mappings, blank and comment lines. It gives exactly the events (values, styles and positions) YamlDotNet's parser
/// gives for the same text, so the loaded document is the same, at a fraction of the parser's allocations. Anything
/// else (multi-line or escaped scalars, anchors, tags, block scalars, flow mappings, tabs, lone carriage returns, …)
/// makes it give up, and YamlDotNet's parser reads the text instead: that parser stays the reference for every
/// document, error and message.
/// </summary>
internal sealed class PlainYamlReader
{
    /// <summary>Longest plain key read here (YAML's limit for implicit keys is 1024 characters).</summary>
    private const int MaxKeyLength = 1000;

    private readonly string _text;
    private readonly List<ParsingEvent> _events;
    private readonly List<Line> _lines = [];
    private int _current;   // index into _lines of the line being read

    private readonly record struct Line(int Start, int Number, int Indent, int ContentEnd);

    private PlainYamlReader(string text, List<ParsingEvent> events)
    {
        _text = text;
        _events = events;
    }

    /// <summary>The events of <paramref name="text"/> as YamlDotNet's parser gives them, or null when the text is not
    /// in the plain shapes this reader knows.</summary>
    public static List<ParsingEvent>? TryRead(string text)
    {
        var events = new List<ParsingEvent>(64);
        return new PlainYamlReader(text, events).Read() ? events : null;
    }

    /// <summary>A parser that replays <paramref name="events"/> (for <see cref="YamlDotNet.RepresentationModel.YamlStream.Load(IParser)"/>).</summary>
    public static IParser Replay(List<ParsingEvent> events) => new EventReplay(events);

    private bool Read()
    {
        if (!SplitLines()) return false;
        _current = NextContent(0);
        if (_current == _lines.Count) return false;   // nothing but blank lines: leave it to YamlDotNet
        if (_lines[_current].Indent != 0) return false;
        var start = new Mark(0, 1, 1);
        _events.Add(new StreamStart(start, start));
        var document = NextTokenMark();   // after any blank and comment lines
        _events.Add(new DocumentStart(null, null, true, document, document));
        if (!Mapping(0)) return false;
        if (_current != _lines.Count) return false;
        var end = EndMark();
        _events.Add(new DocumentEnd(true, end, end));
        _events.Add(new StreamEnd(end, end));
        return true;
    }

    /// <summary>Splits the text into lines (LF or CRLF), refusing characters YAML treats specially or forbids.</summary>
    private bool SplitLines()
    {
        var t = _text;
        if (t.Length == 0 || t[^1] != '\n') return false;
        var lineStart = 0;
        var number = 1;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c == '\n')
            {
                var end = i > lineStart && t[i - 1] == '\r' ? i - 1 : i;
                while (end > lineStart && t[end - 1] == ' ') end--;
                var indent = 0;
                while (lineStart + indent < end && t[lineStart + indent] == ' ') indent++;
                _lines.Add(new Line(lineStart, number, indent, end));
                lineStart = i + 1;
                number++;
                continue;
            }
            if (c == '\r' ? i + 1 >= t.Length || t[i + 1] != '\n' : !Printable(c)) return false;
        }
        return true;
    }

    /// <summary>Characters that read as themselves wherever they stand (no tabs, line breaks of other kinds,
    /// control characters, byte order marks or surrogates).</summary>
    private static bool Printable(char c) =>
        c >= ' ' && c != '\u007F' && !(c >= '\u0080' && c <= '\u009F') && !char.IsSurrogate(c)
        && c != '\u2028' && c != '\u2029' && c != '\uFEFF' && c != '\uFFFE' && c != '\uFFFF';

    /// <summary>The first line at or after <paramref name="from"/> that is neither blank nor a comment.</summary>
    private int NextContent(int from)
    {
        var i = from;
        while (i < _lines.Count)
        {
            var l = _lines[i];
            if (l.Start + l.Indent < l.ContentEnd && _text[l.Start + l.Indent] != '#') break;
            i++;
        }
        return i;
    }

    private Mark At(int index) => At(_lines[_current], index);

    private static Mark At(Line line, int index) => new(index, line.Number, index - line.Start + 1);

    /// <summary>Where the next token starts: the current content line's first character, or the end of the text.</summary>
    private Mark NextTokenMark()
    {
        if (_current < _lines.Count) { var l = _lines[_current]; return At(l, l.Start + l.Indent); }
        return EndMark();
    }

    private Mark EndMark() => new(_text.Length, _lines.Count + 1, 1);

    private int Indent => _current < _lines.Count ? _lines[_current].Indent : -1;

    /// <summary>A block mapping whose keys stand at <paramref name="indent"/>; the first key may follow a "- " on its
    /// line (<paramref name="firstKeyAt"/>).</summary>
    private bool Mapping(int indent, int firstKeyAt = -1)
    {
        var line = _lines[_current];
        var keyAt = firstKeyAt >= 0 ? firstKeyAt : line.Start + line.Indent;
        var start = At(keyAt);
        _events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, start, start));
        while (true)
        {
            if (!Entry(indent, keyAt)) return false;
            if (Indent < indent) break;   // the end of the text, or a shallower line
            if (Indent > indent) return false;
            line = _lines[_current];
            if (IsSequenceItem(line)) return false;   // "- " where a key should be
            keyAt = line.Start + line.Indent;
        }
        var end = NextTokenMark();
        _events.Add(new MappingEnd(end, end));
        return true;
    }

    /// <summary>One <c>key: value</c> entry starting at <paramref name="keyAt"/> on the current line.</summary>
    private bool Entry(int indent, int keyAt)
    {
        var line = _lines[_current];
        if (keyAt == line.Start && line.ContentEnd - line.Start >= 3
            && (_text.AsSpan(line.Start, 3) is "---" or "...")) return false;   // document markers
        int colon;
        if (_text[keyAt] is '"' or '\'')
        {
            if (!Quoted(keyAt, line.ContentEnd, out var close, out var value, out var style)) return false;
            colon = close;
            if (colon >= line.ContentEnd || _text[colon] != ':') return false;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, At(keyAt), At(colon), true));
        }
        else
        {
            colon = PlainKeyEnd(keyAt, line.ContentEnd);
            if (colon < 0) return false;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text[keyAt..colon], ScalarStyle.Plain, true, false, At(keyAt), At(colon), true));
        }
        // After the colon: a space and a value on this line, or nothing (a nested block, or an empty value).
        var after = colon + 1;
        if (after < line.ContentEnd)
        {
            if (_text[after] != ' ') return false;
            var valueAt = after;
            while (_text[valueAt] == ' ') valueAt++;   // ContentEnd has no trailing spaces: a non-space follows
            if (!InlineValue(valueAt, line.ContentEnd, flow: false)) return false;
            _current = NextContent(_current + 1);
            return Indent <= indent;   // a deeper line would continue the value: not for this reader
        }
        _current = NextContent(_current + 1);
        if (Indent > indent)
        {
            var next = _lines[_current];
            return IsSequenceItem(next) ? Sequence(next.Indent) : Mapping(next.Indent);
        }
        if (Indent == indent && IsSequenceItem(_lines[_current])) return false;   // a list at the key's own indent
        var empty = new Mark(after, line.Number, after - line.Start + 1);
        _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, "", ScalarStyle.Plain, true, false, empty, empty));
        return true;
    }

    private bool IsSequenceItem(Line line)
    {
        var at = line.Start + line.Indent;
        return _text[at] == '-' && (at + 1 == line.ContentEnd || _text[at + 1] == ' ');
    }

    /// <summary>A block sequence whose dashes stand at <paramref name="indent"/>: items are one-line values or mappings.</summary>
    private bool Sequence(int indent)
    {
        var line = _lines[_current];
        var start = At(line.Start + line.Indent);
        _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, start, start));
        while (true)
        {
            line = _lines[_current];
            var dash = line.Start + line.Indent;
            if (dash + 1 >= line.ContentEnd) return false;   // "-" alone: an empty or nested item
            var itemAt = dash + 1;
            while (_text[itemAt] == ' ') itemAt++;
            var itemIndent = itemAt - line.Start;
            if (_text[itemAt] == '-' || _text[itemAt] == '#') return false;
            if (StartsEntry(itemAt, line.ContentEnd))
            {
                if (!Mapping(itemIndent, itemAt)) return false;
            }
            else
            {
                if (!InlineValue(itemAt, line.ContentEnd, flow: false)) return false;
                _current = NextContent(_current + 1);
                if (Indent > indent) return false;
            }
            if (Indent < indent) break;
            if (Indent > indent || !IsSequenceItem(_lines[_current])) return false;
        }
        var end = NextTokenMark();
        _events.Add(new SequenceEnd(end, end));
        return true;
    }

    /// <summary>True when a key and its colon start at <paramref name="at"/> (a mapping item of a list).</summary>
    private bool StartsEntry(int at, int end)
    {
        if (_text[at] is '"' or '\'')
            return Quoted(at, end, out var close, out _, out _) && close < end && _text[close] == ':'
                && (close + 1 == end || _text[close + 1] == ' ');
        for (var i = at; i < end; i++)
            if (_text[i] == ':' && (i + 1 == end || _text[i + 1] == ' ')) return true;
        return false;
    }

    /// <summary>The colon ending a plain key that starts at <paramref name="at"/>, or -1.</summary>
    private int PlainKeyEnd(int at, int end)
    {
        if (IsIndicator(_text[at])) return -1;
        for (var i = at; i < end && i - at <= MaxKeyLength; i++)
        {
            var c = _text[i];
            if (c == ':')
            {
                if (i + 1 < end && _text[i + 1] != ' ') return -1;   // "a:b": not worth the rules
                return _text[i - 1] == ' ' ? -1 : i;   // "a :" needs trimming: leave it
            }
            if (c is '#' or ',' or '[' or ']' or '{' or '}' or '"' or '\'') return -1;
        }
        return -1;
    }

    /// <summary>A value standing alone from <paramref name="at"/> to <paramref name="end"/> (the end of its line's
    /// content): a quoted or plain scalar, or a one-line flow list.</summary>
    private bool InlineValue(int at, int end, bool flow)
    {
        var c = _text[at];
        if (c is '"' or '\'')
        {
            if (!Quoted(at, end, out var close, out var value, out var style) || close != end) return false;
            _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, At(at), At(close)));
            return true;
        }
        if (c == '[' && !flow) return FlowSequence(at, end);
        if (IsIndicator(c) && !(c == '-' && at + 1 < end && _text[at + 1] != ' ')) return false;
        for (var i = at; i < end; i++)
        {
            var ch = _text[i];
            if (ch is '#' or '[' or ']' or '{' or '}') return false;
            if (ch == ':' && (i + 1 == end || _text[i + 1] == ' ')) return false;
        }
        _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text[at..end], ScalarStyle.Plain, true, false, At(at), At(end)));
        return true;
    }

    /// <summary><c>[a, "b", 'c']</c> on one line, the list ending the line.</summary>
    private bool FlowSequence(int open, int end)
    {
        var start = At(open);
        _events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, start, start));
        var i = open + 1;
        var first = true;
        while (true)
        {
            while (i < end && _text[i] == ' ') i++;
            if (i >= end) return false;
            if (_text[i] == ']')
            {
                if (!first) return false;   // "[a, ]"
                break;
            }
            var c = _text[i];
            int itemEnd;
            if (c is '"' or '\'')
            {
                if (!Quoted(i, end, out var close, out var value, out var style)) return false;
                _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, At(i), At(close)));
                itemEnd = close;
            }
            else
            {
                if (IsIndicator(c) && !(c == '-' && i + 1 < end && _text[i + 1] is not (' ' or ',' or ']'))) return false;
                var j = i;
                while (j < end && _text[j] is not (',' or ']'))
                {
                    if (_text[j] is ':' or '#' or '[' or '{' or '}' or '"' or '\'') return false;
                    j++;
                }
                itemEnd = j;
                while (_text[itemEnd - 1] == ' ') itemEnd--;
                _events.Add(new Scalar(AnchorName.Empty, TagName.Empty, _text[i..itemEnd], ScalarStyle.Plain, true, false, At(i), At(itemEnd)));
            }
            i = itemEnd;
            while (i < end && _text[i] == ' ') i++;
            if (i >= end) return false;
            first = false;
            if (_text[i] == ',') { i++; continue; }
            if (_text[i] != ']') return false;
            break;
        }
        if (i + 1 != end) return false;   // something after the "]"
        var bracket = At(i);
        _events.Add(new SequenceEnd(bracket, bracket));
        return true;
    }

    /// <summary>A one-line quoted scalar opening at <paramref name="at"/>; <paramref name="close"/> is just past its
    /// closing quote. Double quotes with escapes are left to YamlDotNet.</summary>
    private bool Quoted(int at, int end, out int close, out string value, out ScalarStyle style)
    {
        var quote = _text[at];
        close = -1;
        value = "";
        style = quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
        var doubled = false;
        for (var i = at + 1; i < end; i++)
        {
            var c = _text[i];
            if (quote == '"' && c == '\\') return false;
            if (c != quote) continue;
            if (quote == '\'' && i + 1 < end && _text[i + 1] == '\'') { doubled = true; i++; continue; }
            close = i + 1;
            value = _text[(at + 1)..i];
            if (doubled) value = value.Replace("''", "'");
            return true;
        }
        return false;
    }

    /// <summary>Characters that cannot start a plain scalar (or start something else).</summary>
    private static bool IsIndicator(char c) => c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&'
        or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ';

    private sealed class EventReplay(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= events.Count) { Current = null; return false; }
            Current = events[_next++];
            return true;
        }
    }
}
