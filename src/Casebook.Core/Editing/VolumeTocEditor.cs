using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Casebook.Core.Editing;

/// <summary>Adds a case id to a volume's table of contents (<c>cases:</c> of that volume in casebook.yml) by editing
/// the text at the place YAML's parser reports, so every other byte of the file (comments, quoting, order, line
/// ends, BOM) stays as the editor wrote it — the same promise as <c>casebook new volume</c>.</summary>
public static partial class VolumeTocEditor
{
    /// <summary>casebook.yml with <paramref name="caseId"/> appended to the volume's <c>cases</c>; the text unchanged
    /// when the id is listed already. Throws <see cref="FormatException"/> (Japanese message) when the list is
    /// written in a form this editor does not rewrite.</summary>
    public static string AddCase(string configText, string volumeId, string caseId)
    {
        var bom = configText.StartsWith('\uFEFF');
        var text = bom ? configText[1..] : configText;
        var nl = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException) { throw new FormatException("casebook.yml を YAML として読めません。"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("volumes"), out var volumesNode) || volumesNode is not YamlSequenceNode volumes)
            throw new FormatException("casebook.yml に volumes: の一覧がありません。");
        var volume = volumes.Children.OfType<YamlMappingNode>().FirstOrDefault(v =>
            v.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode s && s.Value == volumeId)
            ?? throw new FormatException($"casebook.yml に事例集「{volumeId}」がありません。");

        var lines = SplitLines(text);
        var casesKey = volume.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == "cases");
        string[] edited;
        if (casesKey is null)
            edited = AddCasesKey(lines, volume, caseId);
        else
        {
            var value = volume.Children[casesKey];
            if (value is YamlSequenceNode seq)
            {
                if (seq.Children.OfType<YamlScalarNode>().Any(s => s.Value == caseId)) return configText;
                edited = seq.Style == YamlDotNet.Core.Events.SequenceStyle.Flow ? AppendFlow(lines, seq, caseId) : AppendBlock(lines, seq, caseId);
            }
            else if (value is YamlScalarNode { Value: null or "" } && value.Start.Line == casesKey.Start.Line)
            {
                var i = (int)casesKey.Start.Line - 1;
                edited = [.. lines];
                edited[i] = CasesKeyLine().Replace(lines[i], m => $"{m.Groups[1].Value}cases: [{caseId}]{m.Groups[2].Value}");
            }
            else throw new FormatException($"事例集「{volumeId}」の cases: が一覧になっていません。");
        }
        var result = string.Join(nl, edited);
        return bom ? "\uFEFF" + result : result;
    }

    /// <summary>Lines without their ends; a final newline leaves an empty last element, so joining restores it.</summary>
    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private static string[] AppendFlow(string[] lines, YamlSequenceNode seq, string caseId)
    {
        var i = (int)seq.Start.Line - 1;
        var line = lines[i];
        var open = (int)seq.Start.Column - 1;     // the parser marks a flow list at its '['
        var close = open >= 0 && open < line.Length && line[open] == '[' ? line.IndexOf(']', open) : -1;
        if (close < 0 || line.IndexOf('[', open + 1) is var nested && nested >= 0 && nested < close)
            throw new FormatException("cases: が複数行の [...] で書かれています。1 行にするか「- ID」の形にしてください。");
        var inside = line[(open + 1)..close];
        var head = inside.Trim().Length == 0 ? line[..(open + 1)] : line[..close].TrimEnd();
        var separator = inside.Trim().Length == 0 ? "" : head.EndsWith(',') ? " " : ", ";
        var copy = (string[])lines.Clone();
        copy[i] = head + separator + caseId + line[close..];
        return copy;
    }

    private static string[] AppendBlock(string[] lines, YamlSequenceNode seq, string caseId)
    {
        var items = seq.Children;
        var lastLine = (int)(items.Count > 0 ? items[^1].End.Line : seq.Start.Line) - 1;
        // The end mark of a plain scalar is on its own line; of a block that ends at a line start, on the next.
        if (items.Count > 0 && items[^1].End.Column == 1) lastLine--;
        var dash = ListItem().Match(lines[(int)items[0].Start.Line - 1]);
        var indent = dash.Success ? dash.Groups[1].Value : new string(' ', Math.Max(0, (int)items[0].Start.Column - 3));
        var list = lines.ToList();
        list.Insert(lastLine + 1, $"{indent}- {caseId}");
        return [.. list];
    }

    private static string[] AddCasesKey(string[] lines, YamlMappingNode volume, string caseId)
    {
        var idKey = volume.Children.Keys.First();
        var indent = new string(' ', (int)idKey.Start.Column - 1);
        var lastValue = volume.Children.Values.Last();
        var after = (int)lastValue.End.Line - 1;
        if (lastValue.End.Column == 1) after--;
        var list = lines.ToList();
        list.Insert(after + 1, $"{indent}cases: [{caseId}]");
        return [.. list];
    }

    [GeneratedRegex(@"^(\s*)cases:\s*((\s#.*)?)$")]
    private static partial Regex CasesKeyLine();

    [GeneratedRegex(@"^(\s*)-(\s|$)")]
    private static partial Regex ListItem();
}
