using System.CommandLine;

namespace Casebook.Cli;

/// <summary>Every command of the tool; tests invoke it in-process.</summary>
public static class CliApp
{
    public static RootCommand Root()
    {
        var root = new RootCommand("Casebook — 社協の事例集サイトをつくる静的サイトジェネレーター");
        root.Subcommands.Add(BuildCommands.Build());
        root.Subcommands.Add(BuildCommands.Check());
        root.Subcommands.Add(NewCommands.New());
        root.Subcommands.Add(ServeCommands.Serve());
        root.Subcommands.Add(TagCommands.Tag());
        root.Subcommands.Add(TagCommands.Tags());
        return root;
    }
}
