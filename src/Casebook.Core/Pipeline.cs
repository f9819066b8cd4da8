using System.Diagnostics;
using Casebook.Core.Binding;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Imaging;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Output;
using Casebook.Core.PostProcessing;
using Casebook.Core.Rendering;
using Casebook.Core.Search;
using Casebook.Core.Validation;

namespace Casebook.Core;

public sealed record BuildOptions(
    string SourceRoot,
    string OutputDir,
    string? BaseUrl = null,
    bool IncludeDrafts = false,
    string? ThemeDir = null,
    bool WriteOutput = true,
    bool StrictTemplates = false,
    bool Search = false,
    string? ShippedThemeDir = null,     // the theme installed with the tool, for a site without its own theme/
    SearchTools? SearchTools = null)    // where the search stage finds Node.js and Pagefind
{
    /// <summary>The theme this build renders with (see <see cref="Pipeline.ResolveTheme"/>).</summary>
    public string ThemeDirectory => Pipeline.ResolveTheme(SourceRoot, ThemeDir, ShippedThemeDir);
}

/// <param name="Cpu">The process's CPU time (all threads) during the stage: against <paramref name="Elapsed"/> it tells how
/// many cores the stage kept busy.</param>
public sealed record StageTiming(string Stage, TimeSpan Elapsed, TimeSpan Cpu = default);

public sealed class BuildResult
{
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    public bool Success => !Diagnostics.Any(d => d.Severity == Severity.Error);
    public SiteGraph? Graph { get; init; }
    public List<StageTiming> Timings { get; init; } = new();
    public int PagesWritten { get; init; }
    /// <summary>Every generated file, in memory, when the build does not write (<see cref="BuildOptions.WriteOutput"/>
    /// false: check, previews). A writing build streams pages to disk and leaves this empty.</summary>
    public IReadOnlyList<OutputFile> Files { get; init; } = [];
    /// <summary>What the search stage did (<see cref="BuildOptions.Search"/>, writing builds only); null when it did not run.</summary>
    public SearchIndexResult? Search { get; init; }
    /// <summary>The theme that rendered the pages (null when none was loaded); serve keeps rendering with it, so the
    /// card HTML it holds (<see cref="Rendering.Theme"/>) carries over to the first rebuild.</summary>
    public Rendering.Theme? Theme { get; init; }
}

/// <summary>The whole build: load → bind → validate → graph → render (with the search index made alongside) → link check → exports → write.
/// Each stage is timed; diagnostics from all stages are collected and returned together.</summary>
public static class Pipeline
{
    /// <summary>An explicit theme folder, else the theme next to the site source, else the theme shipped with the
    /// tool (the host says where that is); with none of them, the site's own theme/ path, whose absence the theme loader reports.</summary>
    public static string ResolveTheme(string sourceRoot, string? themeDir, string? shippedThemeDir)
    {
        if (themeDir is not null) return themeDir;
        var local = Path.Combine(sourceRoot, "theme");
        if (Directory.Exists(Path.Combine(local, "layouts"))) return local;
        return shippedThemeDir ?? local;
    }

    public static BuildResult Check(BuildOptions options) => Run(options with { WriteOutput = false });

    public static BuildResult Run(BuildOptions options, Action<string>? progress = null)
    {
        var diagnostics = new DiagnosticBag();
        var timings = new List<StageTiming>();
        var sw = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        void Stage(string name)
        {
            var now = Environment.CpuUsage.TotalTime;
            timings.Add(new StageTiming(name, sw.Elapsed, now - cpu));
            cpu = now;
            sw.Restart();
            progress?.Invoke(name);
        }

        // The theme depends on nothing in the content: it is parsed on a thread of its own while the content loads (both
        // are mostly one thread's work at first: reading casebook.yml, compiling the parsers' code). Its diagnostics
        // count only once the build gets as far as rendering, as before.
        var themeDiagnostics = new DiagnosticBag();
        var themeLoad = Background(() => Theme.Load(options.ThemeDirectory, themeDiagnostics, options.StrictTemplates));

        var content = ContentLoader.Load(options.SourceRoot, options.BaseUrl, diagnostics);
        Stage("load");
        if (content is null) return Abandon(themeLoad, Result(diagnostics, null, timings, []));

        ContentBinder.Bind(content, diagnostics);
        Stage("bind");

        // Validation only reads the bound content and reports: it runs beside the images and the site graph.
        var validation = Background(() => { ContentValidation.Run(content, diagnostics); return true; });

        var images = ImageStage.Run(options.SourceRoot, content.Assets, options.WriteOutput, diagnostics);
        content.Images = images.Catalog;
        Stage("images");

        var graph = SiteGraphBuilder.Build(content, options.IncludeDrafts);
        Stage("graph");
        validation.GetAwaiter().GetResult();
        Stage("validate");    // only the part that did not overlap the graph

        var theme = themeLoad.GetAwaiter().GetResult();
        foreach (var d in themeDiagnostics.Sorted()) diagnostics.Add(d);
        Stage("theme");       // likewise
        if (theme is null) return Result(diagnostics, graph, timings, []);
        // The search index is made only when the site is written: without it no case's plain text is read.
        var renderer = new SiteRenderer(graph, theme, diagnostics, searchText: options.Search && options.WriteOutput);
        var jobs = renderer.Jobs();
        if (!options.WriteOutput || diagnostics.HasErrors)
        {
            var files = OutputFile.Of(renderer.Render(jobs));
            Stage("render");
            LinkCheck.Run(graph, renderer.ViewModels.AllLinks, diagnostics);
            Stage("link check");
            files.AddRange(Exports(graph, new ExportRows(), renderer.Renders));
            Stage("exports");
            return Result(diagnostics, graph, timings, files, theme: theme);
        }

        // Writing: pages stream into a staging folder as they are rendered (nothing is held in memory),
        // and the staging folder replaces the output only when the whole build succeeded.
        var staged = SiteWriter.Begin(options.OutputDir);
        // The search index is built from the pages' view models (not from the written files). Pagefind takes the
        // records as they are made, and indexes them while the pages render.
        Task<SearchIndexResult>? search = null;
        if (options.Search && !diagnostics.HasErrors)
        {
            var made = new TaskCompletionSource();
            var records = SearchRecords.For(graph, renderer.ViewModels, theme, () => made.TrySetResult());
            search = Task.Run(() => PagefindIndexer.Run(records, Path.Combine(staged, "pagefind"), options.SourceRoot, options.SearchTools));
            Task.WaitAny(made.Task, search);   // search ends early when it is skipped
            Stage("search records");
        }
        // The exports read only the site graph: they are made by the render's threads, from the same queue, before the
        // pages; a render error discards the staging folder, exports and all.
        var folders = new StagingFolders(staged,
            [.. graph.Map.Exports.Select(e => e.Link.Path), .. SiteRenderer.RenderOrder(jobs).Select(j => j.Link.File)]);
        var exports = ExportWork(graph, new ExportRows(), renderer.Renders, f => SiteWriter.Write(staged, f, folders));
        try
        {
            var pages = renderer.RenderTo(jobs, file => SiteWriter.OpenText(staged, file, folders), exports);   // an I/O error ends the build; the staging folder is discarded
            folders.Stop();
            Stage("render");
            LinkCheck.Run(graph, renderer.ViewModels.AllLinks, diagnostics);
            Stage("link check");
            var indexed = Wait(search);
            if (search is not null) Stage("search");    // only the part that did not overlap rendering
            if (indexed is { Status: SearchIndexStatus.Indexed }) timings.Add(new StageTiming("(search total)", indexed.Elapsed));
            if (diagnostics.HasErrors)
            {
                SiteWriter.Discard(staged);
                return Result(diagnostics, graph, timings, []);
            }
            SiteWriter.Copy(staged, AssetCopies(content, theme, images.Files));
            SiteWriter.Commit(staged, options.OutputDir);
            Stage("write");
            return Result(diagnostics, graph, timings, [], pages, indexed);
        }
        catch
        {
            folders.Stop();
            Wait(search);
            SiteWriter.Discard(staged);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own, not the pool's: the stages beside it keep the pool's
    /// threads busy with their parallel loops.</summary>
    private static Task<T> Background<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The result of a build that stopped before rendering, once the theme's thread is done with the theme folder.</summary>
    private static BuildResult Abandon(Task<Theme?> themeLoad, BuildResult result)
    {
        try { themeLoad.Wait(); } catch (AggregateException) { }    // the content's errors are the ones to report
        return result;
    }

    /// <summary>The search stage's result; an exception while indexing fails the search, not the site.</summary>
    private static SearchIndexResult? Wait(Task<SearchIndexResult>? search)
    {
        if (search is null) return null;
        try { return search.GetAwaiter().GetResult(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SearchIndexResult(SearchIndexStatus.Failed, $"検索インデックスの作成に失敗しました: {e.Message}");
        }
    }

    private static BuildResult Result(DiagnosticBag d, SiteGraph? g, List<StageTiming> t, List<OutputFile> files, int pages = 0, SearchIndexResult? search = null,
        Theme? theme = null) =>
        new() { Diagnostics = d.Sorted(), Graph = g, Timings = t, Files = files, PagesWritten = pages, Search = search, Theme = theme };

    /// <summary>The files of the site map's export list: data exports, feed, sitemap and robots.txt. The JSON and CSV
    /// files are assembled from each case's kept rows (<see cref="ExportRows"/>); each file is made on its own thread.</summary>
    /// <param name="pages">Whether a page of the site map exists (<see cref="SiteRenderer.Renders"/>): the sitemap lists those.</param>
    /// <param name="wanted">The exports to make (all when null); serve keeps the others' bytes.</param>
    public static IEnumerable<OutputFile> Exports(SiteGraph g, ExportRows rows, Func<SitePage, bool> pages, Func<ExportFile, bool>? wanted = null)
    {
        var exports = g.Map.Exports.Where(e => wanted is null || wanted(e)).ToList();
        if (exports.Any(e => e.Kind is ExportKind.CasesJson or ExportKind.CasesCsv)) rows.Prepare(g, g.Cases);
        return exports.AsParallel().AsOrdered().Select(e => Export(g, rows, pages, e));
    }

    /// <summary>The same files as <see cref="Exports"/>, as pieces of work for the render's queue (<see cref="SiteRenderer.RenderTo"/>):
    /// the JSON and CSV rows in slices first, then one piece for each file, which <paramref name="write"/> takes. A file
    /// whose rows are still being made on another thread makes the missing ones itself (the same bytes).</summary>
    public static List<Action> ExportWork(SiteGraph g, ExportRows rows, Func<SitePage, bool> pages, Action<OutputFile> write)
    {
        const int slice = 256;
        var work = new List<Action>();
        if (g.Map.Exports.Any(e => e.Kind is ExportKind.CasesJson or ExportKind.CasesCsv))
            for (var start = 0; start < g.Cases.Count; start += slice)
            {
                var from = start;
                work.Add(() => rows.Prepare(g, g.Cases, from, slice));
            }
        foreach (var e in g.Map.Exports) work.Add(() => write(Export(g, rows, pages, e)));
        return work;
    }

    private static OutputFile Export(SiteGraph g, ExportRows rows, Func<SitePage, bool> pages, ExportFile e) => e.Kind switch
    {
        ExportKind.CasesJson => rows.Json(e.Link.Path, g, g.Cases),
        ExportKind.CasesCsv => rows.Csv(e.Link.Path, g, g.Cases),
        ExportKind.VolumeJson => rows.Json(e.Link.Path, g, g.VolumeCases[e.VolumeId]),
        ExportKind.VolumeCsv => rows.Csv(e.Link.Path, g, g.VolumeCases[e.VolumeId]),
        ExportKind.Feed => OutputFile.Text(e.Link.Path, Feeds.Atom(g)),
        ExportKind.SiteMap => OutputFile.Text(e.Link.Path, Feeds.Sitemap(g, pages)),
        ExportKind.SearchFacets => OutputFile.Text(e.Link.Path, SearchFacetList.Json(new SearchFacetList(g, null).All())),
        ExportKind.ReaderTags => ReaderData.Tags(g),
        ExportKind.TitleShard => ReaderData.TitleShard(g, e.Shard),
        ExportKind.PrintPageCss => OutputFile.Text(e.Link.Path, PrintPageCss.For(g.Settings.Print)),
        _ => OutputFile.Text(e.Link.Path, "User-agent: *\nAllow: /\n"),
    };

    /// <summary>Theme and site assets; a photo is published only as its re-encoded copies, never as the original.</summary>
    private static List<(string, string)> AssetCopies(SiteContent content, Theme theme, IReadOnlyList<(string SitePath, string File)> images)
    {
        var copies = new List<(string, string)>();
        var themeAssets = Path.Combine(theme.Directory, "assets");
        if (Directory.Exists(themeAssets))
            foreach (var f in Directory.EnumerateFiles(themeAssets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                copies.Add(("assets/" + Path.GetRelativePath(themeAssets, f).Replace('\\', '/'), f));
        foreach (var (rel, full) in content.Assets)
            if (ImageProcessor.FormatOf(rel) is null) copies.Add(("assets/" + rel, full));
        copies.AddRange(images);
        return copies;
    }
}
