using System.Diagnostics;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;

namespace Casebook.Benchmarks;

/// <summary>Renders every page of a site one by one (single thread) and sums the time and output
/// size per layout: shows which kind of page dominates the render stage.</summary>
public static class LayoutTimer
{
    public static int Run(string[] args)
    {
        var source = args.SkipWhile(a => a != "--source").Skip(1).FirstOrDefault();
        if (source is null) { Console.Error.WriteLine("usage: layouts --source DIR"); return 2; }
        var themeDir = Path.Combine(RepoRoot.Find(), "theme");
        var check = Pipeline.Check(new BuildOptions(Path.GetFullPath(source), "/nonexistent", ThemeDir: themeDir));
        var bag = new DiagnosticBag();
        var theme = Theme.Load(themeDir, bag)!;
        var renderer = new SiteRenderer(check.Graph!, theme, bag);
        var sw = Stopwatch.StartNew();
        var jobs = renderer.Jobs();
        Console.WriteLine($"jobs: {jobs.Count} in {sw.ElapsedMilliseconds} ms");
        var byLayout = new Dictionary<string, (int Count, double Model, double Ms, long Chars, long ModelBytes, long RenderBytes)>();
        var site = new Casebook.Core.Rendering.ViewModels.SiteVm("t", "", "/", "/", "/search/", "/assets/", [], "ja", new Casebook.Core.Rendering.ViewModels.SiteUrlsVm("/cases/", "/volumes/", "/elements/", "/pillars/", "/tags/", "/matrix/", "/organizations/", "/regions/", "/checklists/", "/lessons/", "/glossary/", "/feed.xml", "/my/"));
        foreach (var job in jobs)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            var model = job.Model is Lazy<object> lazy ? lazy.Value : job.Model;
            var modelMs = sw.Elapsed.TotalMilliseconds;
            var modelBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            sw.Restart();
            var html = theme.Render(job.Layout, model, job.Meta, site);
            var ms = sw.Elapsed.TotalMilliseconds;
            var renderBytes = GC.GetAllocatedBytesForCurrentThread() - bytes - modelBytes - html.Length * 2L;
            byLayout.TryGetValue(job.Layout, out var a);
            byLayout[job.Layout] = (a.Count + 1, a.Model + modelMs, a.Ms + ms, a.Chars + html.Length, a.ModelBytes + modelBytes, a.RenderBytes + renderBytes);
        }
        foreach (var (layout, a) in byLayout.OrderByDescending(x => x.Value.Ms))
            Console.WriteLine($"{layout,-10} {a.Count,6} pages  model {a.Model,8:F0} ms  render {a.Ms,8:F0} ms  {a.Chars / 1048576.0,8:F1} M chars"
                + $"  allocated: model {a.ModelBytes / 1048576.0,7:F0} MB, render {a.RenderBytes / 1048576.0,7:F0} MB (besides the page string)");
        return 0;
    }
}
