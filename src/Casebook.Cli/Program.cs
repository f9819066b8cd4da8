using System.CommandLine;
using Casebook.Cli;

var root = new RootCommand("Casebook — 社協の事例集サイトをつくる静的サイトジェネレーター");
root.Subcommands.Add(BuildCommands.Build());
root.Subcommands.Add(BuildCommands.Check());
root.Subcommands.Add(NewCommands.New());
root.Subcommands.Add(PdfCommand.Create());
return await root.Parse(args).InvokeAsync();
