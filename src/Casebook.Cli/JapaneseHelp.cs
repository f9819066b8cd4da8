using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Casebook.Cli;

/// <summary>The help screen, written here in Japanese: System.CommandLine's ja resources leave "Description:",
/// "[command] [options]", "(REQUIRED)" and "[default: …]" in English, and its help builder is not public.</summary>
public sealed class JapaneseHelp : SynchronousCommandLineAction
{
    public static void Apply(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Description = "使い方を表示します";
            help.Action = new JapaneseHelp();
        }
        foreach (var version in root.Options.OfType<VersionOption>()) version.Description = "バージョンを表示します";
    }

    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
        return 0;
    }

    public static void Write(Command command, TextWriter output)
    {
        if (!string.IsNullOrWhiteSpace(command.Description))
            Section(output, "説明:", [("", command.Description)]);
        Section(output, "使用法:", [(Usage(command), "")]);
        Section(output, "引数:", command.Arguments.Where(a => !a.Hidden).Select(a => ($"<{a.Name}>", a.Description ?? "")).ToList());
        Section(output, "オプション:", OptionsOf(command).Select(o => (OptionLabel(o), OptionDescription(o))).ToList());
        Section(output, "コマンド:", command.Subcommands.Where(c => !c.Hidden)
            .Select(c => (string.Join(' ', c.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>").Prepend(c.Name)), c.Description ?? "")).ToList());
    }

    private static void Section(TextWriter output, string title, IReadOnlyList<(string Label, string Text)> rows)
    {
        if (rows.Count == 0) return;
        output.WriteLine(title);
        var width = rows.Max(r => DisplayWidth(r.Label));
        foreach (var (label, text) in rows)
        {
            var line = label.Length == 0 ? text : text.Length == 0 ? label : label + new string(' ', width - DisplayWidth(label) + 2) + text;
            output.WriteLine("  " + line);
        }
        output.WriteLine();
    }

    private static string Usage(Command command)
    {
        var words = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            words.Insert(0, c is RootCommand ? "casebook" : c.Name);
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
            words.Add(argument.Arity.MaximumNumberOfValues > 1 ? $"<{argument.Name}>..." : $"<{argument.Name}>");
        if (command.Subcommands.Any(c => !c.Hidden)) words.Add("[コマンド]");
        words.Add("[オプション]");
        return string.Join(' ', words);
    }

    /// <summary>The command's own options and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<Option> OptionsOf(Command command)
    {
        var ancestors = new List<Command>();
        for (var c = command.Parents.OfType<Command>().FirstOrDefault(); c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            ancestors.Add(c);
        var inherited = ancestors.SelectMany(p => p.Options.Where(o => o.Recursive));
        return command.Options.Concat(inherited).Where(o => !o.Hidden).Distinct();
    }

    private static string OptionLabel(Option option)
    {
        // Windows-style /? and /h work but are not advertised.
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        var takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        var label = takesValue ? $"{names} <{option.HelpName ?? option.Name.TrimStart('-')}>" : names;
        return option.Required ? label + "（必須）" : label;
    }

    // Casebook's descriptions say their default (既定: …); one that does not gets it appended.
    private static string OptionDescription(Option option)
    {
        var description = option.Description ?? "";
        if (!option.HasDefaultValue || option.ValueType == typeof(bool) || description.Contains("既定", StringComparison.Ordinal)) return description;
        return $"{description}（既定: {option.GetDefaultValue()}）";
    }

    /// <summary>Columns in a terminal: East Asian wide characters take two.</summary>
    private static int DisplayWidth(string s) => s.Sum(c => c >= '\u1100' && (c <= '\u115F' || (c >= '\u2E80' && c <= '\uA4CF') || (c >= '\uAC00' && c <= '\uD7A3') || (c >= '\uF900' && c <= '\uFAFF') || (c >= '\uFE30' && c <= '\uFE4F') || (c >= '\uFF00' && c <= '\uFF60') || (c >= '\uFFE0' && c <= '\uFFE6')) ? 2 : 1);
}
