using System.Diagnostics;
using Casebook.Core;

namespace Casebook.Benchmarks;

/// <summary>Builds a site in-process a few times and prints each stage's time: the quickest way to see
/// where a whole build goes (the first run includes JIT warm-up).</summary>
public static class StageTimer
{
    public static int Run(string[] args)
    {
        string? source = null;
        var runs = 3;
        var write = true;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--source" && i + 1 < args.Length) source = args[++i];
            else if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i]);
            else if (args[i] == "--no-write") write = false;
        }
        if (source is null) { Console.Error.WriteLine("usage: stages --source DIR [--runs N] [--no-write]"); return 2; }
        var theme = Path.Combine(RepoRoot.Find(), "theme");
        for (var r = 1; r <= runs; r++)
        {
            var sw = Stopwatch.StartNew();
            var result = Pipeline.Run(new BuildOptions(Path.GetFullPath(source), Path.Combine(Path.GetTempPath(), "casebook-stages-out"),
                ThemeDir: theme, WriteOutput: write));
            Console.WriteLine($"run {r}: {sw.Elapsed.TotalMilliseconds:F0} ms, {result.Files.Count} files, errors {result.Diagnostics.Count(d => d.Severity == Casebook.Core.Diagnostics.Severity.Error)}, " +
                string.Join(", ", result.Timings.Select(t => $"{t.Stage} {t.Elapsed.TotalMilliseconds:F0}")) +
                $", peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
            if (!result.Success) foreach (var d in result.Diagnostics.Take(5)) Console.WriteLine(d);
        }
        return 0;
    }
}
