using Casebook.Core;
using Casebook.Core.Diagnostics;
using Spectre.Console;

namespace Casebook.Cli;

/// <summary>Terminal output: diagnostics in MSBuild form, one per line, then a summary.</summary>
public static class Report
{
    public static void Diagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var line = d.ToString();
            var color = d.Severity == Severity.Error ? "red" : "yellow";
            if (AnsiConsole.Profile.Capabilities.Ansi) AnsiConsole.MarkupLine($"[{color}]{Markup.Escape(line)}[/]");
            else System.Console.Out.WriteLine(line);
        }
    }

    public static void Summary(BuildResult result, string verb, TimeSpan elapsed)
    {
        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count - errors;
        var g = result.Graph;
        var counts = g is null ? "" :
            $"事例 {g.Cases.Count} 件・事例集 {g.Volumes.Count} 冊・教材 {g.Lessons.Count} 件・チェックリスト {g.Checklists.Count} 件";
        var pages = result.PagesWritten > 0 ? $"・{result.PagesWritten} ページ" : "";
        var status = errors > 0 ? $"エラー {errors} 件" : "成功";
        System.Console.Out.WriteLine($"{verb}: {status}（警告 {warnings} 件） {counts}{pages} — {elapsed.TotalSeconds:0.00} 秒");
        if (HostEnvironment.StageTimings)
        {
            foreach (var t in result.Timings)
                System.Console.Out.WriteLine(t.Cpu > TimeSpan.Zero
                    ? $"  {t.Stage,-14} {t.Elapsed.TotalMilliseconds,8:0} ms  (cpu {t.Cpu.TotalMilliseconds:0} ms)"
                    : $"  {t.Stage,-14} {t.Elapsed.TotalMilliseconds,8:0} ms");
            // CPU and collections tell more than wall time on a shared machine (docs/performance.md).
            var p = System.Diagnostics.Process.GetCurrentProcess();
            System.Console.Out.WriteLine($"  {"cpu",-14} {p.UserProcessorTime.TotalMilliseconds,8:0} ms user, {p.PrivilegedProcessorTime.TotalMilliseconds:0} ms system");
            System.Console.Out.WriteLine($"  {"gc",-14} {GC.GetTotalPauseDuration().TotalMilliseconds,8:0} ms paused; collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), {GC.GetTotalAllocatedBytes() / 1048576} MB allocated");
        }
    }

    public static void Error(string message) => System.Console.Error.WriteLine($"casebook: error: {message}");
}
