using System.CommandLine;
using Casebook.Cli;

// Every message is Japanese, System.CommandLine's own (help headings, parse errors) included: it ships ja resources.
try { System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ja-JP"); }
catch (System.Globalization.CultureNotFoundException) { } // invariant globalization: its English texts remain

var root = new RootCommand("Casebook — 社協の事例集サイトをつくる静的サイトジェネレーター");
root.Subcommands.Add(BuildCommands.Build());
root.Subcommands.Add(BuildCommands.Check());
root.Subcommands.Add(NewCommands.New());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(PdfCommand.Create());
root.Subcommands.Add(FixEncodingCommand.Create());
root.Subcommands.Add(ServeCommands.Serve());
root.Subcommands.Add(TagCommands.Tag());
root.Subcommands.Add(TagCommands.Tags());
JapaneseHelp.Apply(root);
var parsed = root.Parse(args);
// Help is shown even when the rest of the line is incomplete (`casebook pdf --help` without --volume).
if (root.Options.OfType<System.CommandLine.Help.HelpOption>().Any(h => parsed.GetResult(h) is not null))
{
    JapaneseHelp.Write(parsed.CommandResult.Command, Console.Out);
    return ExitCodes.Ok;
}
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"casebook: error: {ParseErrorMessages.Japanese(error.Message)}");
    // A mistyped command: name the nearest one.
    if (args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0])
        && Casebook.Core.Text.NearestMatch.Suggest(args[0], root.Subcommands.Select(c => c.Name)) is { Length: > 0 } suggestion)
        Console.Error.WriteLine($"casebook: error: コマンド「{args[0]}」はありません。{suggestion}");
    Console.Error.WriteLine("使い方は casebook --help で確認できます。");
    return ExitCodes.UsageOrEnvironment;
}
return await parsed.InvokeAsync();
