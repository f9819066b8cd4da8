using System.CommandLine;
using System.Diagnostics;
using Casebook.Core;

namespace Casebook.Cli;

public static class BuildCommands
{
    public static readonly Option<string> Source = new("--source") { Description = "casebook.yml と input/ を含むフォルダー（既定: 現在のフォルダー）", DefaultValueFactory = _ => "." };

    public static Command Build()
    {
        var output = new Option<string?>("--output", "-o") { Description = "出力先フォルダー（既定: <source>/_site）" };
        var baseUrl = new Option<string?>("--base-url") { Description = "公開 URL（例: https://example.org/casebook/）。パス部分がリンクの基点になります" };
        var drafts = new Option<bool>("--drafts") { Description = "下書き（draft: true）も出力する" };
        var noSearch = new Option<bool>("--no-search") { Description = "検索インデックス（Pagefind）を作らない" };
        var cmd = new Command("build", "サイトを _site/ に生成します") { Source, output, baseUrl, drafts, noSearch };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(Source)!);
            var outDir = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(source, "_site"));
            return Run(new BuildOptions(source, outDir, parse.GetValue(baseUrl), parse.GetValue(drafts), Search: !parse.GetValue(noSearch),
                ShippedThemeDir: HostEnvironment.ShippedThemeDir, SearchTools: HostEnvironment.SearchTools()), write: true);
        });
        return cmd;
    }

    public static Command Check()
    {
        var drafts = new Option<bool>("--drafts") { Description = "下書きも検査する" };
        var cmd = new Command("check", "内容を検査し、問題をすべて表示します（出力はしません）") { Source, drafts };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(Source)!);
            return Run(new BuildOptions(source, Path.Combine(source, "_site"), null, parse.GetValue(drafts), WriteOutput: false,
                ShippedThemeDir: HostEnvironment.ShippedThemeDir), write: false);
        });
        return cmd;
    }

    private static int Run(BuildOptions options, bool write)
    {
        if (!Directory.Exists(options.SourceRoot))
        {
            Report.Error($"フォルダー {options.SourceRoot} がありません。");
            return ExitCodes.UsageOrEnvironment;
        }
        if (!File.Exists(Path.Combine(options.SourceRoot, "casebook.yml")))
        {
            Report.Error($"{Path.Combine(options.SourceRoot, "casebook.yml")} がありません。サイトのフォルダーを --source で指定してください。");
            return ExitCodes.UsageOrEnvironment;
        }
        var sw = Stopwatch.StartNew();
        BuildResult result;
        try
        {
            result = Pipeline.Run(options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report.Error($"出力できませんでした: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }
        Report.Diagnostics(result.Diagnostics);
        var searchFailed = result.Search is { } search && !SearchStep.Report(search);
        Report.Summary(result, write ? "build" : "check", sw.Elapsed);
        if (result.Success && write) System.Console.Out.WriteLine($"出力先: {options.OutputDir}");
        if (!result.Success) return ExitCodes.ContentErrors;
        return searchFailed ? ExitCodes.UsageOrEnvironment : ExitCodes.Ok;
    }
}

/// <summary>What the search stage (Core/Search, run by the build while pages render) did. Returns false only
/// when Pagefind ran and failed; a missing Node.js/npm skips search with one notice.</summary>
public static class SearchStep
{
    public static bool Report(Casebook.Core.Search.SearchIndexResult search)
    {
        switch (search.Status)
        {
            case Casebook.Core.Search.SearchIndexStatus.Indexed:
                System.Console.Out.WriteLine(search.Message);
                return true;
            case Casebook.Core.Search.SearchIndexStatus.Skipped:
                System.Console.Out.WriteLine("検索: " + search.Message);
                return true;
            default:
                Cli.Report.Error(search.Message);
                return false;
        }
    }
}
