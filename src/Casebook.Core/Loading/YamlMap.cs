using System.Globalization;
using Casebook.Core.Diagnostics;
using Casebook.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Casebook.Core.Loading;

/// <summary>Typed, positioned reads over a YAML mapping. Every problem becomes a diagnostic with the
/// node's line and column; reads never throw on user content.</summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path { get; }
    public int LineOffset { get; }
    public DiagnosticBag Diagnostics { get; }

    public YamlMap(YamlMappingNode node, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        _node = node;
        Path = path;
        LineOffset = lineOffset;
        Diagnostics = diagnostics;
        foreach (var (k, v) in node.Children)
        {
            var key = k is YamlScalarNode s ? s.Value ?? "" : k.ToString();
            if (_entries.ContainsKey(key))
                diagnostics.Error(DiagnosticCodes.InvalidYaml, $"項目「{key}」が二度書かれています。", Span(k));
            else
                _entries[key] = (k, v);
        }
    }

    /// <summary>Parses YAML text whose first line is <paramref name="firstLine"/> of the file.
    /// Returns null (and reports) when the text is not valid YAML or not a mapping.</summary>
    public static YamlMap? Parse(string yaml, string path, int firstLine, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var text = ExpandLeadingTabs(yaml);
        // Plain front matter is read by the quick reader into the same events; anything else by YamlDotNet's parser.
        var events = PlainYamlReader.TryRead(text);
        try
        {
            if (events is not null) stream.Load(PlainYamlReader.Replay(events));
            else stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line + firstLine - 1;
            var inner = e.InnerException?.Message;
            var msg = inner is null ? e.Message : $"{e.Message} {inner}";
            diagnostics.Error(DiagnosticCodes.InvalidYaml, $"YAML の書き方に誤りがあります: {YamlMessages.Explain(msg)}",
                new SourceSpan(path, Math.Max(line, 1), Math.Max((int)e.Start.Column, 1)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet occasionally fails this way on truncated input (e.g. "title: {" at the end).
            diagnostics.Error(DiagnosticCodes.InvalidYaml, "YAML の書き方に誤りがあります（括弧や引用符が閉じられていない可能性があります）。",
                new SourceSpan(path, firstLine, 1));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
                return new YamlMap(new YamlMappingNode(), path, firstLine - 1, diagnostics);
            diagnostics.Error(DiagnosticCodes.InvalidYaml, "YAML は「項目名: 値」の形（マッピング）で書いてください。",
                new SourceSpan(path, firstLine, 1));
            return null;
        }
        return new YamlMap(map, path, firstLine - 1, diagnostics);
    }

    /// <summary>YAML forbids tabs for indentation, but editors insert them; read a leading tab as two
    /// spaces so such files still work. Lines are unchanged, so positions stay right.</summary>
    public static string ExpandLeadingTabs(string yaml)
    {
        if (!yaml.Contains('\t')) return yaml;
        var sb = new System.Text.StringBuilder(yaml.Length + 16);
        var atLineStart = true;
        foreach (var ch in yaml)
        {
            if (ch == '\n') { atLineStart = true; sb.Append(ch); continue; }
            if (atLineStart && ch == '\t') { sb.Append("  "); continue; }
            if (ch != ' ') atLineStart = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    public SourceSpan Span(YamlNode node) => new(Path, (int)node.Start.Line + LineOffset, (int)node.Start.Column);
    public SourceSpan Span() => _node.Start.Line > 0 ? Span(_node) : new SourceSpan(Path, LineOffset + 1, 1);

    /// <summary>Position of a key's value, or of the mapping when the key is absent.</summary>
    public SourceSpan SpanOf(string key) => _entries.TryGetValue(key, out var e) ? Span(e.Value) : Span();

    public bool Has(string key) => _entries.TryGetValue(key, out var e) && !IsNull(e.Value);

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return _entries.TryGetValue(key, out var e) && !IsNull(e.Value) ? e.Value : null;
    }

    private static bool IsNull(YamlNode n) =>
        n is YamlScalarNode s && s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    private void Missing(string key, string what) =>
        Diagnostics.Error(DiagnosticCodes.MissingField, $"必須の項目「{key}」（{what}）がありません。", Span());

    private void WrongType(string key, YamlNode node, string expected) =>
        Diagnostics.Error(DiagnosticCodes.WrongType, $"「{key}」には{expected}を書いてください。", Span(node));

    public string? String(string key, string? requiredWhat = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (requiredWhat is not null) Missing(key, requiredWhat);
            return null;
        }
        if (node is YamlScalarNode s) return s.Value;
        WrongType(key, node, "文字列");
        return null;
    }

    public int? Int(string key, string? requiredWhat = null, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = Node(key);
        if (node is null)
        {
            if (requiredWhat is not null) Missing(key, requiredWhat);
            return null;
        }
        if (node is YamlScalarNode s && int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            if (v < min || v > max)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, $"「{key}」は {min}〜{max} の整数にしてください（{v} と書かれています）。", Span(node));
                return null;
            }
            return v;
        }
        WrongType(key, node, "整数（例: 2022）");
        return null;
    }

    public double? Number(string key)
    {
        var node = Node(key);
        if (node is null) return null;
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        WrongType(key, node, "数値");
        return null;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var node = Node(key);
        if (node is null) return defaultValue;
        if (node is YamlScalarNode s)
        {
            switch (s.Value?.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        WrongType(key, node, "true か false");
        return defaultValue;
    }

    /// <summary>One word of a closed set (e.g. source | editorial); anything else is reported with the allowed
    /// words and the nearest one, and read as absent.</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed)
    {
        var node = Node(key);
        if (node is null) return null;
        if (node is not YamlScalarNode s) { WrongType(key, node, string.Join(" か ", allowed)); return null; }
        var value = (s.Value ?? "").Trim();
        if (allowed.Contains(value, StringComparer.Ordinal)) return value;
        Diagnostics.Error(DiagnosticCodes.InvalidValue,
            $"「{key}」には {string.Join(" か ", allowed)} を書いてください（「{value}」と書かれています）。{NearestMatch.Suggest(value, allowed)}", Span(node));
        return null;
    }

    /// <summary>A list of scalars; a single scalar counts as a one-item list.</summary>
    public List<(string Value, SourceSpan Span)> ScalarList(string key)
    {
        var result = new List<(string, SourceSpan)>();
        var node = Node(key);
        switch (node)
        {
            case null: break;
            case YamlScalarNode s when s.Value is not null: result.Add((s.Value, Span(s))); break;
            case YamlSequenceNode seq:
                foreach (var item in seq)
                {
                    if (item is YamlScalarNode si && si.Value is not null) { if (!IsNull(si)) result.Add((si.Value, Span(si))); }
                    else WrongType(key, item, "文字列のリスト");
                }
                break;
            default: WrongType(key, node, "リスト"); break;
        }
        return result;
    }

    public List<string> StringList(string key) => ScalarList(key).Select(x => x.Value).ToList();

    public YamlMap? Map(string key, string? requiredWhat = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (requiredWhat is not null) Missing(key, requiredWhat);
            return null;
        }
        if (node is YamlMappingNode m) return new YamlMap(m, Path, LineOffset, Diagnostics);
        WrongType(key, node, "「項目: 値」の組");
        return null;
    }

    public List<YamlMap> MapList(string key)
    {
        var result = new List<YamlMap>();
        var node = Node(key);
        if (node is null) return result;
        if (node is not YamlSequenceNode seq) { WrongType(key, node, "リスト"); return result; }
        foreach (var item in seq)
        {
            if (item is YamlMappingNode m) result.Add(new YamlMap(m, Path, LineOffset, Diagnostics));
            else WrongType(key, item, "「項目: 値」の組のリスト");
        }
        return result;
    }

    /// <summary>An ordered label → value mapping of scalars (e.g. 地域概況).</summary>
    public List<KeyValuePair<string, string>> Pairs(string key)
    {
        var result = new List<KeyValuePair<string, string>>();
        var node = Node(key);
        if (node is null) return result;
        if (node is YamlMappingNode m)
        {
            foreach (var (k, v) in m.Children)
            {
                if (k is YamlScalarNode ks && v is YamlScalarNode vs) result.Add(new(ks.Value ?? "", vs.Value ?? ""));
                else WrongType(key, v, "「項目名: 値」の組（値は文字列か数値）");
            }
        }
        else if (node is YamlSequenceNode seq)
        {
            // Also accept a list of {label, value} for those who prefer it.
            foreach (var item in seq)
            {
                if (item is YamlMappingNode im)
                {
                    var im2 = new YamlMap(im, Path, LineOffset, Diagnostics);
                    var label = im2.String("label", "項目名");
                    var value = im2.String("value", "値");
                    im2.ReportUnknownKeys();
                    if (label is not null && value is not null) result.Add(new(label, value));
                }
                else WrongType(key, item, "「項目名: 値」の組");
            }
        }
        else WrongType(key, node, "「項目名: 値」の組");
        return result;
    }

    /// <summary>Warns about keys nobody asked for, with the nearest known key as a suggestion.</summary>
    public void ReportUnknownKeys(params string[] alsoAllowed)
    {
        foreach (var (key, (k, _)) in _entries)
        {
            if (_read.Contains(key) || alsoAllowed.Contains(key)) continue;
            var known = _read.Concat(alsoAllowed);
            Diagnostics.Warning(DiagnosticCodes.UnknownField, $"項目「{key}」は使われません。{NearestMatch.Suggest(key, known)}", Span(k));
        }
    }
}
