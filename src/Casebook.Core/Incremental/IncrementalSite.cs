using System.Diagnostics;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Output;
using Casebook.Core.Rendering;
using Casebook.Core.Validation;

namespace Casebook.Core.Incremental;

/// <summary>A built site kept in memory so that an edit to one case re-renders only the pages it affects:
/// the case, the cases whose page shows it (neighbours, related cases, numbering), the term pages that list it
/// (or a renumbered case), every other non-case page (lists, volumes, organizations, regions…), and the print
/// version of its volume. A theme whose case or term pages show counts gets all case and term pages redone. Anything else (config, theme, new or deleted
/// files, other content types, an id or draft change) falls back to a full build. Tests check that the
/// result equals a full build byte for byte.</summary>
public sealed class IncrementalSite
{
    public required BuildOptions Options { get; init; }
    public required SiteGraph Graph { get; init; }
    public required Theme Theme { get; init; }
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }
    /// <summary>Pages rendered by the build that produced this site (all of them for a full build).</summary>
    public int PagesRendered { get; init; }

    /// <summary>A full build through <see cref="Pipeline"/>; null site when it failed.</summary>
    public static (IncrementalSite? Site, BuildResult Result) Full(BuildOptions options)
    {
        var result = Pipeline.Run(options with { WriteOutput = false });
        if (!result.Success || result.Graph is null) return (null, result);
        var theme = Theme.Load(Pipeline.ResolveTheme(options.SourceRoot, options.ThemeDir), new DiagnosticBag(), options.StrictTemplates);
        if (theme is null) return (null, result);
        var files = result.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        return (new IncrementalSite { Options = options, Graph = result.Graph, Theme = theme, Files = files, PagesRendered = result.Files.Count }, result);
    }

    /// <summary>Rebuilds after <paramref name="changedFile"/> (full path) changed. Returns null when the change
    /// cannot be handled incrementally; the caller then does a full build.</summary>
    public (IncrementalSite? Site, BuildResult Result)? CaseEdited(string changedFile)
    {
        var root = Path.GetFullPath(Options.SourceRoot);
        var display = ContentLoader.DisplayPath(root, Path.GetFullPath(changedFile));
        if (!display.StartsWith("input/cases/", StringComparison.Ordinal) || !display.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return null;
        var old = Graph.Content.Cases.FirstOrDefault(c => c.SourcePath == display);
        if (old is null || !File.Exists(changedFile)) return null;

        var sw = Stopwatch.StartNew();
        var timings = new List<StageTiming>();
        void Stage(string name) { timings.Add(new StageTiming(name, sw.Elapsed)); sw.Restart(); }
        var diagnostics = new DiagnosticBag();
        var source = SourceReader.Read(changedFile, display, diagnostics);
        var updated = source is null ? null : CaseLoader.Load(source, diagnostics);
        if (updated is null || diagnostics.HasErrors)
            return (null, new BuildResult { Diagnostics = diagnostics.Sorted(), Timings = timings });
        if (updated.Id != old.Id || updated.Draft != old.Draft) return null;
        Stage("load");

        var before = Graph.Content;
        var content = new SiteContent { SourceRoot = before.SourceRoot, Settings = before.Settings, Taxonomies = before.Taxonomies, Volumes = before.Volumes };
        content.Cases.AddRange(before.Cases.Select(c => ReferenceEquals(c, old) ? updated : c));
        content.Lessons.AddRange(before.Lessons);
        content.Pages.AddRange(before.Pages);
        content.Checklists.AddRange(before.Checklists);
        content.Glossaries.AddRange(before.Glossaries);
        content.Assets.AddRange(before.Assets);
        ContentValidation.Run(content, diagnostics);
        Stage("validate");
        var graph = SiteGraphBuilder.Build(content, Options.IncludeDrafts);
        Stage("graph");

        var renderer = new SiteRenderer(graph, Theme, diagnostics);
        var jobs = renderer.Jobs();
        // Pages only show other cases' counts if the theme says so; then every case and term page is redone.
        var themeShowsCounts = ThemeShowsCounts(Theme.Directory);
        var affected = themeShowsCounts ? graph.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal) : AffectedCases(Graph, graph, old.Id);
        var caseFiles = graph.Cases.ToDictionary(c => graph.Links.Case(c.Id).File, c => c.Id, StringComparer.Ordinal);
        var volumes = new HashSet<string?>([old.VolumeId, updated.VolumeId]);
        var printFiles = graph.Volumes.Where(v => volumes.Contains(v.Id)).Select(v => graph.Links.For("volumes", v.Id, "print").File).ToHashSet(StringComparer.Ordinal);
        var termFiles = themeShowsCounts ? null : TermPagesShowing(Graph, graph, CardsChanged(Graph, graph, old.Id));
        var selected = jobs.Where(j =>
            !Files.ContainsKey(j.Link.File)
            || (caseFiles.TryGetValue(j.Link.File, out var id) ? affected.Contains(id)
                : j.Layout == "print" ? printFiles.Contains(j.Link.File)
                : j.Layout != "term" || termFiles is null || termFiles.Contains(j.Link.File))).ToList();
        var rendered = renderer.Render(selected);
        Stage("render");

        LinkCheck.Run(graph, jobs, renderer.ViewModels.AllLinks, diagnostics);
        var exports = Pipeline.Exports(graph, jobs).ToList();
        Stage("post-process");

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var j in jobs) if (Files.TryGetValue(j.Link.File, out var b)) files[j.Link.File] = b;
        foreach (var f in rendered) files[f.Path] = f.Bytes;
        foreach (var f in exports) files[f.Path] = f.Bytes;
        var all = files.Select(kv => new OutputFile(kv.Key, kv.Value)).ToList();
        var result = new BuildResult { Diagnostics = diagnostics.Sorted(), Graph = graph, Timings = timings, Files = all };
        if (diagnostics.HasErrors) return (null, result);
        return (new IncrementalSite { Options = Options, Graph = graph, Theme = Theme, Files = files, PagesRendered = rendered.Count }, result);
    }

    /// <summary>Cases whose card (title, number, terms… as in lists) can differ: the edited one and renumbered ones.</summary>
    private static HashSet<string> CardsChanged(SiteGraph before, SiteGraph after, string edited)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { edited };
        foreach (var c in after.Cases)
            if (!before.CasesById.TryGetValue(c.Id, out var was) || before.CaseNumber(was) != after.CaseNumber(c)) result.Add(c.Id);
        return result;
    }

    /// <summary>Term pages that list one of <paramref name="cards"/>, before or after the edit.</summary>
    private static HashSet<string> TermPagesShowing(SiteGraph before, SiteGraph after, HashSet<string> cards)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in new[] { before, after })
            foreach (var (term, cases) in g.TermCases)
                if (cases.Any(c => cards.Contains(c.Id))) result.Add(g.Links.Term(term).File);
        return result;
    }

    private static bool ThemeShowsCounts(string themeDir)
    {
        var files = new[] { Path.Combine(themeDir, "layouts", "case.liquid"), Path.Combine(themeDir, "layouts", "term.liquid") }
            .Concat(Directory.Exists(Path.Combine(themeDir, "partials")) ? Directory.EnumerateFiles(Path.Combine(themeDir, "partials"), "*.liquid") : []);
        return files.Where(File.Exists).Any(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"\.count\b|case_count"));
    }

    /// <summary>Cases whose page can differ: the edited one, and those whose number, neighbours or related
    /// cases changed or include it.</summary>
    private static HashSet<string> AffectedCases(SiteGraph before, SiteGraph after, string edited)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { edited };
        foreach (var c in after.Cases)
        {
            var was = before.CasesById.GetValueOrDefault(c.Id);
            if (was is null) { result.Add(c.Id); continue; }
            var prev = after.Previous(c)?.Id;
            var next = after.Next(c)?.Id;
            var related = after.Related[c.Id].Select(r => r.Id).ToList();
            if (prev == edited || next == edited || related.Contains(edited)
                || before.CaseNumber(was) != after.CaseNumber(c)
                || before.Previous(was)?.Id != prev || before.Next(was)?.Id != next
                || !before.Related[c.Id].Select(r => r.Id).SequenceEqual(related, StringComparer.Ordinal))
                result.Add(c.Id);
        }
        return result;
    }
}
