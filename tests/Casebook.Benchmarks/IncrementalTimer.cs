using System.Diagnostics;
using Casebook.Core;
using Casebook.Core.Incremental;

namespace Casebook.Benchmarks;

/// <summary>The rebuild `casebook serve` does after one case edit, in-process and without the file watcher:
/// a full in-memory build, then edits of one case's body, title and tags, each timed by stage
/// (wall time and this process's CPU time). The corpus folder is copied first; the source is not changed.</summary>
public static class IncrementalTimer
{
    public static int Run(string[] args)
    {
        string? source = null;
        var rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--source" && i + 1 < args.Length) source = args[++i];
            else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i]);
        }
        if (source is null) { Console.Error.WriteLine("usage: incremental --source DIR [--rounds N]"); return 2; }
        var work = Path.Combine(Path.GetTempPath(), "casebook-incremental-" + Environment.ProcessId);
        Copy(Path.GetFullPath(source), work);
        try
        {
            var options = new BuildOptions(work, Path.Combine(work, "_site"), "/", true, Path.Combine(RepoRoot.Find(), "theme"), WriteOutput: false);
            var (site, first) = Measure("full build", () => IncrementalSite.Full(options));
            if (site is null) { foreach (var d in first.Diagnostics.Take(5)) Console.WriteLine(d); return 1; }
            Console.WriteLine($"  {site.Files.Count} files");
            // A case inside a volume (its print edition is affected too), like scripts/serve-timing.sh's.
            var cases = Directory.EnumerateFiles(Path.Combine(work, "input", "cases"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var target = cases.Where(f => File.ReadAllText(f).Contains("\nvolume:", StringComparison.Ordinal)).Skip(6).FirstOrDefault() ?? cases[0];
            Console.WriteLine($"  edited case: {Path.GetRelativePath(work, target)}");
            var edits = new (string Name, Func<string, int, string> Apply)[]
            {
                ("body", (t, r) => t + $"\n追記 {r}。\n"),
                ("title", (t, r) => System.Text.RegularExpressions.Regex.Replace(t, "(?m)^title: (.*)$", m => $"title: 改{r} " + m.Groups[1].Value, default, TimeSpan.FromSeconds(1))),
                ("tags", (t, r) => System.Text.RegularExpressions.Regex.Replace(t, "(?m)^tags: \\[", $"tags: [計測用テーマ{r}, ", default, TimeSpan.FromSeconds(1))),
            };
            for (var r = 1; r <= rounds; r++)
                foreach (var (name, apply) in edits)
                {
                    File.WriteAllText(target, apply(File.ReadAllText(target), r));
                    var (next, result) = Measure($"{name} edit (round {r})", () => site.CaseEdited(target) ?? throw new InvalidOperationException("fell back to a full build"));
                    if (next is null) { foreach (var d in result.Diagnostics.Take(5)) Console.WriteLine(d); return 1; }
                    Console.WriteLine($"  pages rendered {next.PagesRendered}; " + string.Join(", ", result.Timings.Select(t => $"{t.Stage} {t.Elapsed.TotalMilliseconds:F1}")));
                    site = next;
                }
            return 0;
        }
        finally { Directory.Delete(work, true); }
    }

    private static T Measure<T>(string what, Func<T> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = action();
        sw.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds:F1} ms wall, {used.TotalMilliseconds:F0} ms CPU");
        return result;
    }

    internal static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            if (!Path.GetRelativePath(from, dir).StartsWith("_site", StringComparison.Ordinal))
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.StartsWith("_site", StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, rel))!);
            File.Copy(file, Path.Combine(to, rel));
        }
    }
}
