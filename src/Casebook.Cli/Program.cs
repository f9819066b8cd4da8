using System.CommandLine;
using Casebook.Cli;

var root = new RootCommand("Casebook — 社協の事例集サイトをつくる静的サイトジェネレーター");
root.Subcommands.Add(BuildCommands.Build());
root.Subcommands.Add(BuildCommands.Check());
root.Subcommands.Add(NewCommands.New());
root.Subcommands.Add(PdfCommand.Create());
root.Subcommands.Add(FixEncodingCommand.Create());
root.Subcommands.Add(ServeCommands.Serve());
root.Subcommands.Add(TagCommands.Tag());
root.Subcommands.Add(TagCommands.Tags());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"casebook: error: {error.Message}");
    Console.Error.WriteLine("使い方は casebook --help で確認できます。");
    return ExitCodes.UsageOrEnvironment;
}
return await parsed.InvokeAsync();
