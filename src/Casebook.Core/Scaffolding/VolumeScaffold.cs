using System.Text.RegularExpressions;

namespace Casebook.Core.Scaffolding;

/// <summary>`casebook new volume`: adds a volume to casebook.yml by editing the text, so comments, key
/// order and formatting of the rest of the file stay exactly as the editor left them.</summary>
public static partial class VolumeScaffold
{
    public sealed record NewVolume(string Id, string Title, int FiscalYear, string Publisher, int? Number = null, string Subtitle = "");

    /// <summary>casebook.yml with the volume appended at the end of its <c>volumes:</c> list.</summary>
    public static string AddToConfig(string configText, NewVolume v)
    {
        var bom = configText.StartsWith('\uFEFF');
        var text = bom ? configText[1..] : configText;
        var nl = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var endsWithNewline = lines.Count > 0 && lines[^1].Length == 0;
        if (endsWithNewline) lines.RemoveAt(lines.Count - 1);

        var key = lines.FindIndex(l => l.StartsWith("volumes:", StringComparison.Ordinal));
        if (key >= 0 && !VolumesKey().IsMatch(lines[key]) && !EmptyFlowList().IsMatch(lines[key]))
            throw new FormatException("casebook.yml の volumes: が 1 行の書き方（[...]）になっています。");
        List<string> Entry(string indent) =>
        [
            $"{indent}- id: {v.Id}",
            $"{indent}  title: {Quote(v.Title)}",
            .. v.Subtitle.Length > 0 ? new[] { $"{indent}  subtitle: {Quote(v.Subtitle)}" } : [],
            $"{indent}  publisher: {Quote(v.Publisher)}",
            $"{indent}  fiscal_year: {v.FiscalYear}",
            .. v.Number is int n ? new[] { $"{indent}  number: {n}" } : [],
            // Stated so the editor decides: source only when the casebook prints the ✔ marks itself.
            $"{indent}  elements_basis: editorial",
            $"{indent}  pillars_basis: editorial",
            $"{indent}  cases: []",
        ];

        if (key < 0)
        {
            // No volumes yet: add the key at the end of the file.
            if (lines.Count > 0 && lines[^1].Trim().Length > 0) lines.Add("");
            lines.Add("volumes:");
            lines.AddRange(Entry("  "));
        }
        else if (EmptyFlowList().IsMatch(lines[key]))
        {
            lines[key] = EmptyFlowList().Replace(lines[key], "volumes:$1");
            lines.InsertRange(key + 1, Entry("  "));
        }
        else
        {
            // The block runs until the next top-level key; comments at column 0 just before that key belong to it.
            var end = key + 1;
            var lastContent = key;
            string? indent = null;
            for (; end < lines.Count; end++)
            {
                var line = lines[end];
                if (line.Trim().Length == 0) continue;
                var topLevel = !char.IsWhiteSpace(line[0]);
                if (topLevel && line.StartsWith('#')) continue;
                if (topLevel && !line.StartsWith("- ", StringComparison.Ordinal) && line != "-") break;
                lastContent = end;
                indent ??= ListItem().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            }
            lines.InsertRange(lastContent + 1, Entry(indent ?? "  "));
        }
        var result = string.Join(nl, lines) + (endsWithNewline || key < 0 ? nl : "");
        return bom ? "\uFEFF" + result : result;
    }

    /// <summary>input/volumes/&lt;id&gt;.md: foreword, roster and colophon to fill in.</summary>
    public static string VolumeFile(NewVolume v) => $"""
        ---
        foreword_title: はじめに
        # 名簿（執筆者・編集委員など）。例:
        #   - name: 山田 太郎
        #     organization: 〇〇市社会福祉協議会
        #     role: 委員長
        contributors: []
        # 奥付。改行はそのまま表示されます。
        colophon: |
          {v.Title}
          {Text.Wareki.FiscalYear(v.FiscalYear)} 発行 {v.Publisher}
        ---
        ここに「はじめに」の本文を書きます。

        """;

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [GeneratedRegex(@"^volumes:\s*(#.*)?$")]
    private static partial Regex VolumesKey();

    [GeneratedRegex(@"^volumes:\s*\[\s*\]\s*(\s#.*)?$")]
    private static partial Regex EmptyFlowList();

    [GeneratedRegex(@"^(\s*)-(\s|$)")]
    private static partial Regex ListItem();
}
