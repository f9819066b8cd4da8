using System.Text.RegularExpressions;

namespace Casebook.Cli;

/// <summary>System.CommandLine's parse errors in Japanese. Its ja resources leave some in English (and one ends
/// "。."); the formatted English text is the only thing a ParseError carries, so it is matched here.</summary>
public static partial class ParseErrorMessages
{
    private static readonly (Regex Says, Func<Match, string> Means)[] Messages =
    [
        (new(@"^Option '(.+)' is required\.$"), m => $"オプション {m.Groups[1].Value} を指定してください。"),
        (new(@"^Cannot parse argument '(.*)' for option '(.+)' as expected type '(.+?)'\.(?: Did you mean one of the following\?(.*))?$", RegexOptions.Singleline),
            m => $"オプション {m.Groups[2].Value} の値「{m.Groups[1].Value}」を読めません。{TypeName(m.Groups[3].Value)}を書いてください。{Choices(m.Groups[4].Value)}"),
        (new(@"^Cannot parse argument '(.*)' for command '(.+)' as expected type '(.+?)'\.(?: Did you mean one of the following\?(.*))?$", RegexOptions.Singleline),
            m => $"コマンド {m.Groups[2].Value} の引数「{m.Groups[1].Value}」を読めません。{TypeName(m.Groups[3].Value)}を書いてください。{Choices(m.Groups[4].Value)}"),
        (new(@"^Cannot parse argument '(.*)' as expected type '(.+?)'\.$"), m => $"引数「{m.Groups[1].Value}」を読めません。{TypeName(m.Groups[2].Value)}を書いてください。"),
        (new(@"^Option '(.+)' expects a single argument but (\d+) were provided\.$"), m => $"オプション {m.Groups[1].Value} には値を 1 つだけ書いてください（{m.Groups[2].Value} 個あります）。"),
        (new(@"^'(.+)' was not matched\. Did you mean one of the following\?(.*)$", RegexOptions.Singleline), m => $"「{m.Groups[1].Value}」はありません。{Choices(m.Groups[2].Value)}"),
        (new(@"^Character not allowed in a file name: '(.*)'\.$"), m => $"ファイル名に使えない文字「{m.Groups[1].Value}」があります。"),
        (new(@"^(.+) option cannot be combined with other arguments\.$"), m => $"{m.Groups[1].Value} はほかの引数と一緒には使えません。"),
        (new(@"^必要なコマンドが指定されませんでした。\.$"), _ => "コマンドを指定してください。"),
    ];

    public static string Japanese(string message)
    {
        foreach (var (says, means) in Messages)
            if (says.Match(message) is { Success: true } m) return means(m);
        return message;
    }

    private static string TypeName(string clrType) => clrType switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" => "整数",
        "System.Double" or "System.Decimal" or "System.Single" => "数値",
        "System.Boolean" => "true か false",
        _ => "正しい形式の値",
    };

    private static string Choices(string list)
    {
        var items = list.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? "" : $"（もしかして {string.Join("、", items.Select(i => $"「{i}」"))}？）";
    }
}
