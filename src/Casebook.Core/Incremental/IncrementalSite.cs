using System.Diagnostics;
using Casebook.Core.Binding;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Output;
using Casebook.Core.PostProcessing;
using Casebook.Core.Rendering;
using Casebook.Core.Validation;

namespace Casebook.Core.Incremental;

/// <summary>A built site kept in memory so that an edit to one case re-renders only the pages it affects.
/// Only the edited file is loaded and checked again; the other cases keep their loaded, validated state.
/// <list type="bullet">
/// <item>Body only (the front matter is byte for byte the same): the case's page and its volume's print
/// edition; nothing else shows the body. The graph is the old one with the case swapped in.</item>
/// <item>Front matter: the pages of the site map whose recorded inputs changed (<see cref="PagesToRender"/>): a page
/// listing the case or a renumbered case, a page whose list of cases or signature (numbering, neighbours, page count)
/// differs, a summary of every case's classification when the case's classification changed. Listings are paginated,
/// so a title edit redraws one page of each listing. The JSON and CSV exports are assembled from kept per-case rows
/// (<see cref="ExportRows"/>); a volume's own exports are redone only for the case's volume(s).
/// A theme whose case or term pages show counts gets all case and term pages redone. The theme, and with it
/// every card's rendered HTML, is kept from one rebuild to the next.</item>
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
    /// <summary>The site-relative files of the pages rendered by the build that produced this site.</summary>
    public IReadOnlyList<string> Rendered { get; init; } = [];
    /// <summary>The data files (exports, feed, sitemap, title shards) made again by the rebuild that produced this site; the
    /// others kept their bytes. Empty for a full build and a body edit.</summary>
    public IReadOnlyList<string> Exported { get; init; } = [];
    /// <summary>The diagnostics of the build that produced this site (warnings only: a failed build keeps no site).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>What internal links may point at (<see cref="LinkCheck.Targets"/>).</summary>
    public required HashSet<string> LinkTargets { get; init; }
    /// <summary>Each case's export rows, kept across rebuilds.</summary>
    public required ExportRows Rows { get; init; }
    /// <summary>Whether the theme's case or term pages show term counts (read once per full build).</summary>
    private bool ThemeShowsCountsCached { get; init; }

    /// <summary>A full build through <see cref="Pipeline"/>; null site when it failed.</summary>
    public static (IncrementalSite? Site, BuildResult Result) Full(BuildOptions options)
    {
        var result = Pipeline.Run(options with { WriteOutput = false });
        if (!result.Success || result.Graph is null) return (null, result);
        var theme = result.Theme ?? Theme.Load(options.ThemeDirectory, new DiagnosticBag(), options.StrictTemplates);
        if (theme is null) return (null, result);
        var files = result.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
        return (new IncrementalSite { Options = options, Graph = result.Graph, Theme = theme, Files = files, PagesRendered = result.Files.Count,
            Rendered = files.Keys.ToList(), Diagnostics = result.Diagnostics, LinkTargets = LinkCheck.Targets(result.Graph), Rows = new ExportRows(),
            ThemeShowsCountsCached = ThemeShowsCounts(theme.Directory) }, result);
    }

    /// <summary>Rebuilds after <paramref name="changedFile"/> (full path) changed. Returns null when the change
    /// cannot be handled incrementally; the caller then does a full build.</summary>
    /// <param name="early">Given the edited case's own page as soon as it is rendered (before the listings, print edition
    /// and exports), when nothing found so far is an error: serve shows it first, as Hugo's server renders the pages
    /// being viewed first. The returned result holds the same bytes for that page.</param>
    public (IncrementalSite? Site, BuildResult Result)? CaseEdited(string changedFile, Action<OutputFile>? early = null)
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

        var bodyOnly = FrontMatterOf(updated) == FrontMatterOf(old) && Graph.CasesById.GetValueOrDefault(old.Id) is { } published && ReferenceEquals(published, old);
        var content = Graph.Content.WithCase(old, updated);
        // The other cases keep their terms; an unchanged front matter binds to what it bound to before.
        if (bodyOnly) ContentBinder.KeepBinding(updated, old);
        else ContentBinder.BindCase(content, updated, diagnostics);
        Stage("bind");
        // Published or not, the case's own problems are reported again; other files' stay as they were.
        // A body edit can change only the file's own findings (privacy); self-check warnings depend on the tags in use only.
        // Checklist warnings (which tags are in use) cannot hold back the edited page: they run after it is shown.
        var tagsChanged = !bodyOnly && !old.Tags.SequenceEqual(updated.Tags);
        ContentValidation.RunForCaseEdit(content, updated, bodyOnly ? CaseEdit.Body : BeforePage, diagnostics);
        Stage("validate");
        return bodyOnly
            ? BodyEdited(old, updated, content, display, diagnostics, timings, Stage, early)
            : FrontMatterEdited(old, updated, content, tagsChanged, display, diagnostics, timings, Stage, early);
    }

    /// <summary>What a front-matter edit's rules are run for before the edited page is shown; rules affected only by the
    /// tags in use (checklist warnings) run after it.</summary>
    private const CaseEdit BeforePage = CaseEdit.Body | CaseEdit.FrontMatter;

    /// <summary>The file up to its body: equal front matter means equal metadata, terms and place.</summary>
    private static string FrontMatterOf(CaseStudy c) => c.RawText[..(c.RawText.Length - c.Markdown.Length)];

    private (IncrementalSite? Site, BuildResult Result) BodyEdited(CaseStudy old, CaseStudy updated, SiteContent content, string display,
        DiagnosticBag diagnostics, List<StageTiming> timings, Action<string> Stage, Action<OutputFile>? early)
    {
        var graph = Graph.WithCase(old, updated, content);
        Stage("graph");

        var renderer = new SiteRenderer(graph, Theme, diagnostics, searchText: false);   // serve makes no search index
        var rendered = RenderCasePage(renderer, updated, diagnostics, early);
        Stage("case page");
        if (graph.VolumeOf(updated) is { } volume) rendered.AddRange(OutputFile.Of(renderer.Render([renderer.PrintJob(volume)])));
        Stage("render");
        LinkCheck.Run(LinkTargets, renderer.ViewModels.AllLinks, diagnostics);
        Stage("link check");

        var files = new Dictionary<string, byte[]>(Files, StringComparer.Ordinal);
        foreach (var f in rendered) files[f.Path] = f.Bytes;
        // The front matter's diagnostics cannot have changed; the body's are all new.
        var kept = Diagnostics.Where(d => d.Span.Path != display || (d.Span.Line < updated.BodyFirstLine && !IsPrivacy(d)));
        return Finish(graph, files, rendered, diagnostics, kept, timings, LinkTargets);
    }

    private (IncrementalSite? Site, BuildResult Result) FrontMatterEdited(CaseStudy old, CaseStudy updated, SiteContent content, bool tagsChanged,
        string display, DiagnosticBag diagnostics, List<StageTiming> timings, Action<string> Stage, Action<OutputFile>? early)
    {
        // A case keeping its place and classification (a title, summary or author edit) leaves every list, number and
        // related case as it was: the graph and its site map are the old ones with the case swapped in. A case keeping its
        // place but not its terms joins and leaves the term lists in place. Anything else groups the site again.
        var published = Graph.CasesById.GetValueOrDefault(old.Id) is { } was && ReferenceEquals(was, old);
        var samePlace = published && Place(old).SequenceEqual(Place(updated), StringComparer.Ordinal);
        var sameTerms = TermKeys(old).SequenceEqual(TermKeys(updated), StringComparer.Ordinal);
        var graph = samePlace && sameTerms ? Graph.WithCase(old, updated, content)
            : samePlace ? Graph.WithTerms(old, updated, content)
            : SiteGraphBuilder.Build(content, Options.IncludeDrafts, Graph);
        Stage("graph");

        var renderer = new SiteRenderer(graph, Theme, diagnostics, searchText: false);   // serve makes no search index
        var rendered = RenderCasePage(renderer, updated, diagnostics, early);
        Stage("case page");
        if (tagsChanged)
            foreach (var v in ContentValidation.ForCaseEdit(CaseEdit.Tags).Except(ContentValidation.ForCaseEdit(BeforePage)))
                v.ValidateCaseEdit(content, updated, diagnostics);
        _ = graph.Map;
        Stage("site map");
        var casePage = graph.Links.Case(updated.Id).File;
        var selected = PagesToRender(Graph, graph, old, updated, ThemeShowsCountsCached);
        Stage("pages to render");
        var jobs = selected.Where(p => p.Link.File != casePage).Select(renderer.Job).ToList();
        Stage("select");
        rendered.AddRange(OutputFile.Of(renderer.Render(jobs)));
        Stage("render");

        // Pages come and go only when a listing gains or loses a page, or a term, organization or region appears or goes.
        var targets = SamePages(Graph.Map, graph.Map) ? LinkTargets : LinkCheck.Targets(graph);
        LinkCheck.Run(targets, renderer.ViewModels.AllLinks, diagnostics, LinkCheck.Unread(graph));
        Stage("link check");
        Rows.Keep(graph.CasesById);
        var exports = Pipeline.Exports(graph, Rows, renderer.Renders, ExportsToRedo(Graph, graph, old, updated)).ToList();
        Stage("exports");

        var files = new Dictionary<string, byte[]>(Files.Count, StringComparer.Ordinal);
        foreach (var p in graph.Map.Pages) if (Files.TryGetValue(p.Link.File, out var b)) files[p.Link.File] = b;
        foreach (var e in graph.Map.Exports) if (Files.TryGetValue(e.Link.Path, out var b)) files[e.Link.Path] = b;
        foreach (var f in rendered) files[f.Path] = f.Bytes;
        foreach (var f in exports) files[f.Path] = f.Bytes;
        // Checklist warnings depend on every case's tags and were made again above when the tags changed, as were the
        // edited file's.
        var checklists = tagsChanged ? content.Checklists.Select(c => c.SourcePath).ToHashSet(StringComparer.Ordinal) : [];
        var kept = Diagnostics.Where(d => d.Span.Path != display && !checklists.Contains(d.Span.Path));
        Stage("files");
        return Finish(graph, files, rendered, diagnostics, kept, timings, targets, exports);
    }

    /// <summary>The edited case's page, handed to <paramref name="early"/> first when no error was found so far.</summary>
    private static List<OutputFile> RenderCasePage(SiteRenderer renderer, CaseStudy updated, DiagnosticBag diagnostics, Action<OutputFile>? early)
    {
        var page = OutputFile.Of(renderer.Render([renderer.CaseJob(updated)]));
        if (early is not null && page.Count == 1 && !diagnostics.HasErrors) early(page[0]);
        return page;
    }

    /// <summary>What places a case in the site's lists and summaries: volume, year, organization, region and terms.</summary>
    private static IEnumerable<string> Classification(CaseStudy c) => Place(c).Concat(TermKeys(c));

    private static string[] Place(CaseStudy c) =>
        [c.VolumeId ?? "", c.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Organization,
            c.Region.Prefecture, c.Region.Area, c.Region.City, c.Region.Ward];

    private static IEnumerable<string> TermKeys(CaseStudy c) => c.AllTerms.Select(t => t.Taxonomy + "/" + t.Id);

    /// <summary>The exports whose inputs the edit changed; the others keep their bytes. The site-wide JSON and CSV are
    /// assembled from kept rows (only the changed rows are made again); a volume's own exports only for the case's volume(s);
    /// the title shard holding the case when its title changed (all of them when their number changed); the facet counts
    /// and the tag list when the classification or the tags changed; the sitemap when pages came or went.</summary>
    public static Func<ExportFile, bool> ExportsToRedo(SiteGraph before, SiteGraph after, CaseStudy old, CaseStudy updated)
    {
        var volumes = new HashSet<string>([old.VolumeId ?? "", updated.VolumeId ?? ""], StringComparer.Ordinal);
        var classified = !Classification(old).SequenceEqual(Classification(updated), StringComparer.Ordinal);
        var tags = !old.Tags.SequenceEqual(updated.Tags);
        var shards = ReaderData.ShardCount(after.Cases.Count);
        var allShards = shards != ReaderData.ShardCount(before.Cases.Count);
        var shard = old.Title == updated.Title ? -1 : ReaderData.ShardOf(updated.Id, shards);
        // The sitemap lists the pages in the site map's order (term pages by count, for instance).
        var pages = ReferenceEquals(before.Map, after.Map)
            || before.Map.Pages.Select(p => p.Link.Url).SequenceEqual(after.Map.Pages.Select(p => p.Link.Url), StringComparer.Ordinal);
        return e => e.Kind switch
        {
            ExportKind.CasesJson or ExportKind.CasesCsv or ExportKind.Feed => true,
            ExportKind.VolumeJson or ExportKind.VolumeCsv => volumes.Contains(e.VolumeId),
            ExportKind.TitleShard => allShards || e.Shard == shard,
            ExportKind.SearchFacets => classified,
            ExportKind.ReaderTags => tags,
            ExportKind.SiteMap => !pages,
            _ => false,   // robots.txt and the print page CSS come from the settings alone
        };
    }

    /// <summary>The pages of <paramref name="after"/>'s site map whose recorded inputs differ from <paramref name="before"/>'s
    /// after <paramref name="old"/> became <paramref name="updated"/>: new pages, pages whose case list or signature changed
    /// (a listing's slice moves when a case joins or leaves it), pages showing a case whose card changed (the edited case,
    /// renumbered ones), summaries of the classification when it changed, and pages choosing among all cases.</summary>
    public static List<SitePage> PagesToRender(SiteGraph before, SiteGraph after, CaseStudy old, CaseStudy updated, bool themeShowsCounts)
    {
        var cards = new HashSet<string>(StringComparer.Ordinal) { updated.Id };
        if (!ReferenceEquals(before, after) && !ReferenceEquals(before.Map, after.Map))
            foreach (var c in after.Cases)
                if (before.CasesById.TryGetValue(c.Id, out var was) && before.CaseNumber(was) != after.CaseNumber(c)) cards.Add(c.Id);
        var classified = !Classification(old).SequenceEqual(Classification(updated), StringComparer.Ordinal);
        var moved = !Place(old).SequenceEqual(Place(updated), StringComparer.Ordinal);
        // A theme showing term counts shows them on every card carrying a term the edit changed.
        if (themeShowsCounts && classified)
            foreach (var g in new[] { before, after })
                foreach (var t in old.AllTerms.Concat(updated.AllTerms))
                    if (g.TermCases.TryGetValue(t, out var list)) cards.UnionWith(list.Select(c => c.Id));
        var result = new List<SitePage>();
        foreach (var page in after.Map.Pages)
        {
            var was = before.Map.PageAt(page.Link.File);
            if (was is null || was.Kind != page.Kind || was.Signature != page.Signature || !was.CaseIds.SequenceEqual(page.CaseIds, StringComparer.Ordinal)
                || (page.Inputs.HasFlag(PageInputs.Classification) && classified)
                || (page.Inputs.HasFlag(PageInputs.Places) && moved)
                || page.Inputs.HasFlag(PageInputs.AnyCase)
                || (themeShowsCounts && classified && page.Kind is PageKind.Case or PageKind.Term)
                || Shows(page.CaseIds, cards))
                result.Add(page);
        }
        return result;
    }

    private static bool Shows(IReadOnlyList<string> ids, HashSet<string> cards)
    {
        foreach (var id in ids) if (cards.Contains(id)) return true;
        return false;
    }

    private static bool SamePages(SiteMap before, SiteMap after) =>
        ReferenceEquals(before, after) || (before.Pages.Count == after.Pages.Count && after.Pages.All(p => before.PageAt(p.Link.File) is not null)
            && before.Exports.Count == after.Exports.Count);

    private (IncrementalSite? Site, BuildResult Result) Finish(SiteGraph graph, Dictionary<string, byte[]> files, List<OutputFile> rendered,
        DiagnosticBag diagnostics, IEnumerable<Diagnostic> kept, List<StageTiming> timings, HashSet<string> targets, List<OutputFile>? exports = null)
    {
        foreach (var d in kept) diagnostics.Add(d);
        var all = files.Select(kv => new OutputFile(kv.Key, kv.Value)).ToList();
        var sorted = diagnostics.Sorted();
        var result = new BuildResult { Diagnostics = sorted, Graph = graph, Timings = timings, Files = all };
        if (diagnostics.HasErrors) return (null, result);
        return (new IncrementalSite { Options = Options, Graph = graph, Theme = Theme, Files = files, PagesRendered = rendered.Count,
            Rendered = rendered.Select(f => f.Path).ToList(), Exported = exports?.Select(f => f.Path).ToList() ?? [], Diagnostics = sorted, LinkTargets = targets, Rows = Rows,
            ThemeShowsCountsCached = ThemeShowsCountsCached }, result);
    }

    private static bool IsPrivacy(Diagnostic d) => d.Code is DiagnosticCodes.PrivacyPhone or DiagnosticCodes.PrivacyEmail
        or DiagnosticCodes.PrivacyAddress or DiagnosticCodes.PrivacyMyNumber;

    /// <summary>Whether the theme's case or term pages (or a partial) show a term's case count. Such a theme gets every
    /// case and term page redone when a case's terms change.</summary>
    private static bool ThemeShowsCounts(string themeDir)
    {
        var files = new[] { Path.Combine(themeDir, "layouts", "case.liquid"), Path.Combine(themeDir, "layouts", "term.liquid") }
            .Concat(Directory.Exists(Path.Combine(themeDir, "partials")) ? Directory.EnumerateFiles(Path.Combine(themeDir, "partials"), "*.liquid") : []);
        return files.Where(File.Exists).Any(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"\.count\b|case_count"));
    }
}
