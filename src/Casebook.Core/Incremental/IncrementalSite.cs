using System.Diagnostics;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Output;
using Casebook.Core.Rendering;
using Casebook.Core.Validation;

namespace Casebook.Core.Incremental;

/// <summary>A built site kept in memory so that an edit to one case re-renders only the pages it affects.
/// Only the edited file is loaded and checked again; the other cases keep their loaded, validated state.
/// <list type="bullet">
/// <item>Body only (the front matter is byte for byte the same): the case's page and its volume's print
/// edition; nothing else shows the body. The graph is the old one with the case swapped in.</item>
/// <item>Front matter: the case, the cases whose page shows it (neighbours, related cases, numbering), the term,
/// organization, region and volume pages that list it (or a renumbered case), the other listings, the print
/// edition of its volume(s) and the exports (a volume's own exports only for the case's volume(s)). Related cases
/// are computed again only for cases having a term the edit added or removed (none when no case moved).
/// A theme whose case or term pages show counts gets all case and term pages redone. The theme, and with it
/// every card's rendered HTML, is kept from one rebuild to the next: a list of 10,000 cards pastes 9,999.</item>
/// </list>
/// Anything else (config, theme, new or deleted files, other content types, an id or draft change) falls back
/// to a full build. Tests check that the result equals a full build byte for byte.</summary>
public sealed class IncrementalSite
{
    public required BuildOptions Options { get; init; }
    public required SiteGraph Graph { get; init; }
    public required Theme Theme { get; init; }
    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }
    /// <summary>Pages rendered by the build that produced this site (all of them for a full build).</summary>
    public int PagesRendered { get; init; }
    /// <summary>The diagnostics of the build that produced this site (warnings only: a failed build keeps no site).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>What internal links may point at (<see cref="LinkCheck.Targets"/>); pages only come and go with a full build.</summary>
    public required HashSet<string> LinkTargets { get; init; }

    /// <summary>A full build through <see cref="Pipeline"/>; null site when it failed.</summary>
    public static (IncrementalSite? Site, BuildResult Result) Full(BuildOptions options)
    {
        var result = Pipeline.Run(options with { WriteOutput = false });
        if (!result.Success || result.Graph is null) return (null, result);
        var theme = result.Theme ?? Theme.Load(options.ThemeDirectory, new DiagnosticBag(), options.StrictTemplates);
        if (theme is null) return (null, result);
        var files = result.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        // Every file but robots.txt is a page or an export, and LinkCheck.Targets adds the exports itself.
        var targets = LinkCheck.Targets(result.Graph, files.Keys.Where(f => f != "robots.txt"));
        return (new IncrementalSite { Options = options, Graph = result.Graph, Theme = theme, Files = files, PagesRendered = result.Files.Count,
            Diagnostics = result.Diagnostics, LinkTargets = targets }, result);
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

        // Published or not, the case's own problems are reported again; other files' stay as they were.
        PrivacyLint.Scan(display, updated.RawText, updated.PrivacyAck, diagnostics);
        return FrontMatterOf(updated) == FrontMatterOf(old) && Graph.CasesById.GetValueOrDefault(old.Id) is { } published && ReferenceEquals(published, old)
            ? BodyEdited(old, updated, display, diagnostics, timings, Stage)
            : FrontMatterEdited(old, updated, display, diagnostics, timings, Stage);
    }

    /// <summary>The file up to its body: equal front matter means equal metadata, terms and place.</summary>
    private static string FrontMatterOf(CaseStudy c) => c.RawText[..(c.RawText.Length - c.Markdown.Length)];

    private (IncrementalSite? Site, BuildResult Result) BodyEdited(CaseStudy old, CaseStudy updated, string display,
        DiagnosticBag diagnostics, List<StageTiming> timings, Action<string> Stage)
    {
        (updated.Elements, updated.Pillars, updated.Tags) = (old.Elements, old.Pillars, old.Tags);
        Stage("validate");
        var graph = Graph.WithCase(old, updated);
        Stage("graph");

        var renderer = new SiteRenderer(graph, Theme, diagnostics);
        Stage("view models");
        var jobs = new List<PageJob> { renderer.CaseJob(updated) };
        if (graph.VolumeOf(updated) is { } volume) jobs.Add(renderer.PrintJob(volume));
        var rendered = renderer.Render(jobs);
        Stage("render");
        LinkCheck.Run(LinkTargets, renderer.ViewModels.AllLinks, diagnostics);
        Stage("post-process");

        var files = new Dictionary<string, byte[]>(Files, StringComparer.Ordinal);
        foreach (var f in rendered) files[f.Path] = f.Bytes;
        // The front matter's diagnostics cannot have changed; the body's are all new.
        var kept = Diagnostics.Where(d => d.Span.Path != display || (d.Span.Line < updated.BodyFirstLine && !IsPrivacy(d)));
        return Finish(graph, files, rendered.Count, diagnostics, kept, timings, LinkTargets);
    }

    private (IncrementalSite? Site, BuildResult Result) FrontMatterEdited(CaseStudy old, CaseStudy updated, string display,
        DiagnosticBag diagnostics, List<StageTiming> timings, Action<string> Stage)
    {
        var before = Graph.Content;
        var content = before.WithCase(old, updated);
        // Ids are unchanged, so duplicate-id and case-reference checks cannot change; the other cases' terms stand.
        TermValidator.ResolveCase(content, updated, diagnostics);
        new VolumeReferenceValidator().Validate(content, diagnostics);
        new ChecklistTermValidator().Validate(content, diagnostics);
        Stage("validate");
        var graph = SiteGraphBuilder.Build(content, Options.IncludeDrafts, Graph);
        Stage("graph");

        var renderer = new SiteRenderer(graph, Theme, diagnostics);
        var jobs = renderer.Jobs();
        Stage("jobs");
        // Pages only show other cases' counts if the theme says so; then every case and term page is redone.
        var themeShowsCounts = ThemeShowsCounts(Theme.Directory);
        var affected = themeShowsCounts ? graph.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal) : AffectedCases(Graph, graph, old.Id);
        var caseFiles = graph.Cases.ToDictionary(c => graph.Links.Case(c.Id).File, c => c.Id, StringComparer.Ordinal);
        var volumes = new HashSet<string?>([old.VolumeId, updated.VolumeId]);
        var printFiles = graph.Volumes.Where(v => volumes.Contains(v.Id)).Select(v => graph.Links.For("volumes", v.Id, "print").File).ToHashSet(StringComparer.Ordinal);
        var cards = CardsChanged(Graph, graph, old.Id);
        var termFiles = themeShowsCounts ? null : TermPagesShowing(Graph, graph, cards);
        var listFiles = ListPagesShowing(Graph, graph, cards);
        var selected = jobs.Where(j =>
            !Files.ContainsKey(j.Link.File)
            || (caseFiles.TryGetValue(j.Link.File, out var id) ? affected.Contains(id)
                : j.Layout == "print" ? printFiles.Contains(j.Link.File)
                : j.Layout == "term" ? termFiles is null || termFiles.Contains(j.Link.File)
                : j.Meta.Kind is "organization" or "region" or "volume" ? listFiles.Contains(j.Link.File)
                : true)).ToList();
        Stage("select");
        var rendered = renderer.Render(selected);
        Stage("render");

        var targets = LinkCheck.Targets(graph, jobs.Select(j => j.Link.Path));
        LinkCheck.Run(targets, renderer.ViewModels.AllLinks, diagnostics, LinkCheck.Unread(graph));
        Stage("link check");
        // A volume's exports list its cases and their numbers only: those of volumes the case was not in stay.
        var exports = Pipeline.Exports(graph, jobs, v => volumes.Contains(v.Id)).ToList();
        Stage("exports");

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var j in jobs) if (Files.TryGetValue(j.Link.File, out var b)) files[j.Link.File] = b;
        foreach (var v in graph.Volumes)
            foreach (var name in new[] { $"{v.Id}-cases.json", $"{v.Id}-cases.csv" })
                if (Files.TryGetValue(graph.Links.Volume(v.Id).Path + name, out var b)) files[graph.Links.Volume(v.Id).Path + name] = b;
        foreach (var f in rendered) files[f.Path] = f.Bytes;
        foreach (var f in exports) files[f.Path] = f.Bytes;
        // Checklist warnings depend on every case's tags and were made again above, as were the edited file's.
        var checklists = content.Checklists.Select(c => c.SourcePath).ToHashSet(StringComparer.Ordinal);
        var kept = Diagnostics.Where(d => d.Span.Path != display && !checklists.Contains(d.Span.Path));
        Stage("post-process");
        return Finish(graph, files, rendered.Count, diagnostics, kept, timings, targets);
    }

    private (IncrementalSite? Site, BuildResult Result) Finish(SiteGraph graph, Dictionary<string, byte[]> files, int rendered,
        DiagnosticBag diagnostics, IEnumerable<Diagnostic> kept, List<StageTiming> timings, HashSet<string> targets)
    {
        foreach (var d in kept) diagnostics.Add(d);
        var all = files.Select(kv => new OutputFile(kv.Key, kv.Value)).ToList();
        var sorted = diagnostics.Sorted();
        var result = new BuildResult { Diagnostics = sorted, Graph = graph, Timings = timings, Files = all };
        if (diagnostics.HasErrors) return (null, result);
        return (new IncrementalSite { Options = Options, Graph = graph, Theme = Theme, Files = files, PagesRendered = rendered,
            Diagnostics = sorted, LinkTargets = targets }, result);
    }

    private static bool IsPrivacy(Diagnostic d) => d.Code is DiagnosticCodes.PrivacyPhone or DiagnosticCodes.PrivacyEmail
        or DiagnosticCodes.PrivacyAddress or DiagnosticCodes.PrivacyMyNumber;

    /// <summary>Organization, region and volume pages that list one of <paramref name="cards"/>, before or after the edit.</summary>
    private static HashSet<string> ListPagesShowing(SiteGraph before, SiteGraph after, HashSet<string> cards)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in new[] { before, after })
        {
            foreach (var o in g.Organizations) if (o.Cases.Any(c => cards.Contains(c.Id))) result.Add(o.Link.File);
            foreach (var r in g.Regions) if (r.Cases.Any(c => cards.Contains(c.Id))) result.Add(r.Link.File);
            foreach (var (id, cases) in g.VolumeCases) if (cases.Any(c => cards.Contains(c.Id))) result.Add(g.Links.Volume(id).File);
        }
        return result;
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
