using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Casebook.Core.Editing;

/// <summary>An edit that cannot be made safely; nothing is written. Message is for the user.</summary>
public sealed class FrontMatterEditException(string message) : Exception(message);

/// <summary>The bytes of a Markdown file split for editing: BOM, line ending and the front matter's place.</summary>
public sealed class EditableDocument
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public bool Bom { get; }
    public string Newline { get; }
    public string Text { get; }
    public int YamlStart { get; }
    public int YamlEnd { get; }
    public string Yaml => Text[YamlStart..YamlEnd];

    private EditableDocument(bool bom, string text)
    {
        Bom = bom;
        Text = text;
        var firstNl = text.IndexOf('\n');
        if (firstNl < 0 || text.AsSpan(0, firstNl).TrimEnd() is not "---")
            throw new FrontMatterEditException("フロントマター（1行目の `---` から次の `---` まで）がありません。");
        Newline = firstNl > 0 && text[firstNl - 1] == '\r' ? "\r\n" : "\n";
        YamlStart = firstNl + 1;
        var pos = YamlStart;
        while (pos < text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            if (text.AsSpan(pos, end - pos).TrimEnd() is "---" or "...")
            {
                YamlEnd = pos;
                return;
            }
            if (nl < 0) break;
            pos = nl + 1;
        }
        throw new FrontMatterEditException("フロントマターが閉じられていません（`---` だけの行がありません）。");
    }

    public static EditableDocument Parse(byte[] bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        string text;
        try { text = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)); }
        catch (DecoderFallbackException) { throw new FrontMatterEditException("ファイルが UTF-8 ではありません。"); }
        return new EditableDocument(bom, text);
    }

    public byte[] ToBytes(string text)
    {
        var body = StrictUtf8.GetBytes(text);
        return Bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <summary>The front matter as a YAML mapping with positions relative to <see cref="Yaml"/>.</summary>
    public YamlMappingNode Root()
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(Yaml)); }
        catch (YamlException e) { throw new FrontMatterEditException($"フロントマターの YAML に誤りがあるため編集できません（{e.Start.Line + 1} 行目付近）。"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new YamlMappingNode();
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new FrontMatterEditException("フロントマターが「項目: 値」の形になっていないため編集できません。");
    }

    /// <summary>The scalar values of a top-level list key (a lone scalar counts as one item), or empty.</summary>
    public List<string> ReadList(string key)
    {
        var value = Find(Root(), key)?.Value;
        return value switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Where(s => !FrontMatterEditor.IsNull(s)).Select(s => s.Value ?? "").ToList(),
            YamlScalarNode s when !FrontMatterEditor.IsNull(s) => [s.Value ?? ""],
            _ => [],
        };
    }

    internal static (YamlScalarNode Key, YamlNode Value)? Find(YamlMappingNode root, string key)
    {
        foreach (var (k, v) in root.Children)
            if (k is YamlScalarNode ks && ks.Value == key) return (ks, v);
        return null;
    }
}

/// <summary>Rewrites list-valued keys of a front matter in place. Only the lines of the edited keys change:
/// comments, key order, quoting, the body, line endings and a BOM stay byte for byte. Items that are kept keep
/// their original spelling; new items are appended in the list's own style (flow <c>[a, b]</c> or block
/// <c>- a</c>). Every edit is checked by parsing the result: other keys must be unchanged and the edited
/// key must hold exactly the requested values, or nothing is returned.</summary>
public static class FrontMatterEditor
{
    /// <summary>Sets each key to its list. Keys are edited one after another on the updated text.</summary>
    public static byte[] SetLists(byte[] original, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> lists)
    {
        var doc = EditableDocument.Parse(original);
        var text = doc.Text;
        foreach (var (key, values) in lists)
            text = SetList(text, key, values);
        return text == doc.Text ? original : doc.ToBytes(text);
    }

    /// <summary>Sets one top-level key of the front matter in <paramref name="text"/> (no BOM) to a list of strings.</summary>
    public static string SetList(string text, string key, IReadOnlyList<string> values)
    {
        var doc = ParseText(text);
        var root = doc.Root();
        if (values.Any(v => v.Contains('\n') || v.Contains('\r')))
            throw new FrontMatterEditException("値に改行は使えません。");
        if (doc.ReadList(key).SequenceEqual(values, StringComparer.Ordinal) && EditableDocument.Find(root, key) is not null)
            return text;

        var edited = Rewrite(doc, root, key, values);
        Verify(doc, root, edited, key, values);
        return edited;
    }

    /// <summary>Replaces, in place, every item of a top-level list (or a lone scalar) whose value satisfies
    /// <paramref name="match"/> with <paramref name="replacement"/>; a duplicate that results is removed.</summary>
    public static string ReplaceItems(string text, string key, Func<string, bool> match, string replacement)
    {
        if (replacement.Contains('\n') || replacement.Contains('\r')) throw new FrontMatterEditException("値に改行は使えません。");
        var doc = ParseText(text);
        var root = doc.Root();
        var found = EditableDocument.Find(root, key);
        if (found is null) return text;
        var scalars = found.Value.Value switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().ToList(),
            YamlScalarNode s when !IsNull(s) => [s],
            _ => [],
        };
        var hits = scalars.Where(s => !IsNull(s) && match(s.Value ?? "")).ToList();
        if (hits.Count == 0) return text;
        if (hits.Any(h => h.Style is ScalarStyle.Literal or ScalarStyle.Folded))
            throw new FrontMatterEditException($"「{key}」に複数行の項目があるため自動で編集できません。");
        var edited = text;
        foreach (var h in hits.OrderByDescending(h => h.Start.Index))
            edited = Splice(edited, doc.YamlStart + (int)h.Start.Index, doc.YamlStart + (int)h.End.Index, Scalar(replacement));
        var expected = doc.ReadList(key).Select(v => match(v) ? replacement : v).ToList();
        Verify(doc, root, edited, key, expected);
        var distinct = expected.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == expected.Count ? edited : SetList(edited, key, distinct);
    }

    private static EditableDocument ParseText(string text) => EditableDocument.Parse(new UTF8Encoding(false).GetBytes(text));

    private static string Rewrite(EditableDocument doc, YamlMappingNode root, string key, IReadOnlyList<string> values)
    {
        var text = doc.Text;
        var nl = doc.Newline;
        int Abs(Mark m) => doc.YamlStart + (int)m.Index;
        var found = EditableDocument.Find(root, key);
        if (found is null)
        {
            if (values.Count == 0) return text;
            return text[..doc.YamlEnd] + key + ": " + Flow(values, new Dictionary<string, string>()) + nl + text[doc.YamlEnd..];
        }
        var (k, v) = found.Value;
        switch (v)
        {
            case YamlSequenceNode { Style: SequenceStyle.Flow } seq:
            {
                var existing = ItemTexts(text, seq, Abs);
                return Splice(text, Abs(seq.Start), FlowEnd(text, seq, Abs), Flow(values, existing));
            }
            case YamlSequenceNode seq:
                return RewriteBlock(text, k, seq, values, Abs, nl);
            case YamlScalarNode s when IsNull(s):
            {
                // `tags:` or `tags: ~`: put the list right after the colon, keeping any comment after it.
                var list = values.Count == 0 ? "[]" : Flow(values, new Dictionary<string, string>());
                if (s.Value is "~" or "null") return Splice(text, Abs(s.Start), Abs(s.End), list);
                var colon = text.IndexOf(':', Abs(k.End));
                return text[..(colon + 1)] + " " + list + text[(colon + 1)..];
            }
            case YamlScalarNode s:
            {
                var existing = new Dictionary<string, string>(StringComparer.Ordinal) { [s.Value ?? ""] = text[Abs(s.Start)..Abs(s.End)] };
                if (s.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                    throw new FrontMatterEditException($"「{key}」が複数行の文字列で書かれているため自動で編集できません。[a, b] の形に書き直してください。");
                return Splice(text, Abs(s.Start), Abs(s.End), Flow(values, existing));
            }
            default:
                throw new FrontMatterEditException($"「{key}」がリストではないため編集できません。");
        }
    }

    /// <summary>Original spelling of each scalar item, so kept items keep their quotes.</summary>
    private static Dictionary<string, string> ItemTexts(string text, YamlSequenceNode seq, Func<Mark, int> abs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s)
                throw new FrontMatterEditException("リストの中に入れ子の項目があるため自動で編集できません。");
            result.TryAdd(s.Value ?? "", text[abs(s.Start)..abs(s.End)]);
        }
        return result;
    }

    private static string RewriteBlock(string text, YamlScalarNode key, YamlSequenceNode seq, IReadOnlyList<string> values,
        Func<Mark, int> abs, string nl)
    {
        // Each item must sit on its own line: `<indent>- value  # comment`.
        var items = new List<(string Value, int LineStart, int LineEnd, string Prefix)>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s || s.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                throw new FrontMatterEditException("リストの中に入れ子や複数行の項目があるため自動で編集できません。");
            var start = abs(s.Start);
            var end = abs(s.End);
            var lineStart = text.LastIndexOf('\n', Math.Max(start - 1, 0)) + 1;
            var lineEndNl = text.IndexOf('\n', end);
            var lineEnd = lineEndNl < 0 ? text.Length : lineEndNl + 1;
            if (text.IndexOf('\n', start, end - start) >= 0)
                throw new FrontMatterEditException("リストの項目が複数行にわたるため自動で編集できません。");
            var prefix = text[lineStart..start];
            if (prefix.Trim() != "-")
                throw new FrontMatterEditException("リストの項目が1行に1つずつ書かれていないため自動で編集できません。");
            items.Add((s.Value ?? "", lineStart, lineEnd, prefix));
        }
        var keep = new HashSet<string>(values, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var added = values.Where(x => !items.Any(i => i.Value == x)).Distinct(StringComparer.Ordinal).ToList();
        var prefixForNew = items[^1].Prefix;

        var sb = new StringBuilder();
        var pos = items[0].LineStart;
        var head = text[..pos];
        var anyKept = false;
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            sb.Append(text, pos, it.LineStart - pos); // comments or blank lines between items stay
            if (keep.Contains(it.Value) && present.Add(it.Value))
            {
                sb.Append(text, it.LineStart, it.LineEnd - it.LineStart);
                anyKept = true;
            }
            pos = it.LineEnd;
        }
        var tail = text[pos..];
        // The closing `---` follows, so the last item's line always ends with a line break.
        foreach (var a in added) sb.Append(prefixForNew).Append(Scalar(a)).Append(nl);
        var middle = sb.ToString();

        if (!anyKept && added.Count == 0)
        {
            // Every item removed: `key: []` on the key's line, comment lines between items dropped with them.
            var colon = text.IndexOf(':', abs(key.End));
            var lineEndNl = text.IndexOf('\n', colon);
            var keyLineEnd = lineEndNl < 0 ? text.Length : lineEndNl;
            var afterColon = text[(colon + 1)..keyLineEnd];
            var keyLine = text[..(colon + 1)] + " []" + (afterColon.TrimEnd('\r').Trim().Length > 0 ? afterColon : afterColon.Trim(' ', '\t'));
            return keyLine + text[keyLineEnd..items[0].LineStart] + tail;
        }
        return head + middle + tail;
    }

    /// <summary>Just past the <c>]</c> of a flow sequence (YamlDotNet gives sequences no end position).</summary>
    private static int FlowEnd(string text, YamlSequenceNode seq, Func<Mark, int> abs)
    {
        var i = seq.Children.Count > 0 ? abs(seq.Children[^1].End) : abs(seq.Start) + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ']') return i + 1;
            if (c == '#') { var nl = text.IndexOf('\n', i); i = nl < 0 ? text.Length : nl; continue; }
            i++;
        }
        throw new FrontMatterEditException("リストの終わり（]）が見つかりません。");
    }

    private static string Splice(string text, int start, int end, string replacement) => text[..start] + replacement + text[end..];

    private static string Flow(IReadOnlyList<string> values, IReadOnlyDictionary<string, string> existing) =>
        "[" + string.Join(", ", values.Select(v => existing.TryGetValue(v, out var orig) && !orig.Contains('\n') ? orig : Scalar(v))) + "]";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n" };

    /// <summary>A YAML scalar for a new value: plain when that reads back as the same string, double-quoted otherwise.</summary>
    public static string Scalar(string value)
    {
        var plain = !Reserved.Contains(value)
            && value.Trim() == value
            && value.IndexOfAny([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ':', '\t', '\\']) < 0
            && !value.StartsWith('-') && !value.StartsWith('?')
            && value.All(c => !char.IsControl(c));
        if (plain) return value;
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    internal static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    /// <summary>The edit must change exactly one key, to exactly the requested values, and leave the body alone.</summary>
    private static void Verify(EditableDocument before, YamlMappingNode beforeRoot, string edited, string key, IReadOnlyList<string> values)
    {
        EditableDocument after;
        YamlMappingNode afterRoot;
        try
        {
            after = ParseText(edited);
            afterRoot = after.Root();
        }
        catch (FrontMatterEditException) { throw new FrontMatterEditException($"「{key}」を書き換えると YAML が壊れるため、書き込みを中止しました。"); }
        if (!after.ReadList(key).SequenceEqual(values, StringComparer.Ordinal))
            throw new FrontMatterEditException($"「{key}」を正しく書き換えられないため、書き込みを中止しました。");
        if (before.Text[before.YamlEnd..] != after.Text[after.YamlEnd..] || before.Text[..before.YamlStart] != after.Text[..after.YamlStart])
            throw new FrontMatterEditException("本文が変わってしまうため、書き込みを中止しました。");
        var a = Canonical(beforeRoot, key);
        var b = Canonical(afterRoot, key);
        if (a != b)
            throw new FrontMatterEditException($"「{key}」以外の項目が変わってしまうため、書き込みを中止しました。");
    }

    private static string Canonical(YamlMappingNode root, string skip)
    {
        var sb = new StringBuilder();
        void Write(YamlNode n)
        {
            switch (n)
            {
                case YamlScalarNode s: sb.Append('"').Append(s.Value?.Replace("\"", "\\\"")).Append('"'); break;
                case YamlSequenceNode q: sb.Append('['); foreach (var c in q) { Write(c); sb.Append(','); } sb.Append(']'); break;
                case YamlMappingNode m: sb.Append('{'); foreach (var (k, v) in m) { Write(k); sb.Append(':'); Write(v); sb.Append(','); } sb.Append('}'); break;
            }
        }
        foreach (var (k, v) in root.Children)
        {
            if (k is YamlScalarNode ks && ks.Value == skip) continue;
            Write(k); sb.Append(':'); Write(v); sb.Append('\n');
        }
        return sb.ToString();
    }
}
