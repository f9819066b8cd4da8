using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;
using Casebook.Core.Threading;

namespace Casebook.Core.Rendering;

/// <summary>A page to render: its layout, model and metadata. The metadata may be made on first use (a case page's
/// JSON-LD costs a serialization, and serve's rebuilds list every page but render few).</summary>
public sealed record PageJob(Permalink Link, string Layout, object Model, Lazy<PageMetaVm> LazyMeta, string SourcePath)
{
    public PageJob(Permalink link, string layout, object model, PageMetaVm meta, string sourcePath)
        : this(link, layout, model, new Lazy<PageMetaVm>(meta), sourcePath) { }

    public PageMetaVm Meta => LazyMeta.Value;

    /// <summary>The cases whose whole page model (<see cref="ViewModelFactory.Case"/>) and body the page reads: a case
    /// page its case, a print edition its volume's cases. <see cref="SiteRenderer.RenderTo"/> lets those go once every
    /// page reading them is written.</summary>
    public IReadOnlyList<Model.CaseStudy> Shows { get; init; } = [];
}

/// <summary>A page's model or metadata, made on first use like any <see cref="Lazy{T}"/>; <see cref="Take"/> makes it
/// without keeping it, so that a page written once does not hold its model for the rest of the build.</summary>
public sealed class PageValue<T> : Lazy<T>
{
    private readonly Func<T> _make;

    public PageValue(Func<T> make) : base(make) => _make = make;

    /// <summary>The value made when <see cref="Lazy{T}.Value"/> was read, else a new one that is not kept.</summary>
    public T Take() => IsValueCreated ? Value : _make();
}

/// <summary>A rendered page, by its path relative to the output folder.</summary>
public sealed record RenderedPage(string Path, string Html);

/// <summary>The render stage: every page of the site, rendered in parallel through the theme. Where the pages go is
/// the caller's business (the pipeline streams them to the output's staging folder; serve keeps them in memory).</summary>
public sealed class SiteRenderer
{
    private readonly SiteGraph _g;
    private readonly Theme _theme;
    private readonly DiagnosticBag _diagnostics;
    private readonly ViewModelFactory _vm;
    private readonly SiteVm _site;
    private readonly ListingModels _listing;

    /// <param name="searchText">Whether the search index will read the cases' text (<see cref="CaseVm.SearchText"/>); a
    /// build without search gathers no plain text of the bodies.</param>
    public SiteRenderer(SiteGraph graph, Theme theme, DiagnosticBag diagnostics, bool searchText = true)
    {
        _g = graph;
        _theme = theme;
        _diagnostics = diagnostics;
        _vm = new ViewModelFactory(graph, new MarkdownRenderer(graph.Settings.BasePath, graph.Settings.AllowRawHtml, theme.T("editorial_note"),
            graph.Content.Images, graph.Settings.RequireAlt, plainText: searchText), theme, diagnostics);
        _site = SiteVm(null);
        _listing = new ListingModels(graph, theme, _vm);
    }

    public ViewModelFactory ViewModels => _vm;

    private SiteVm SiteVm(string? section)
    {
        var L = _g.Links;
        var nav = new List<NavItemVm>
        {
            new(_theme.T("nav_cases"), L.Cases.Url, section == "cases"),
            new(_theme.T("nav_volumes"), L.Volumes.Url, section == "volumes"),
            new(_theme.T("nav_elements"), L.Taxonomy(Model.TaxonomyIds.Elements).Url, section == Model.TaxonomyIds.Elements),
            new(_theme.T("nav_matrix"), L.Matrix.Url, section == "matrix"),
            new(_theme.T("nav_checklists"), L.Section("checklists").Url, section == "checklists"),
            new(_theme.T("nav_lessons"), L.Section("lessons").Url, section == "lessons"),
            new(_theme.T("nav_glossary"), L.Glossary.Url, section == "glossary"),
        };
        var urls = new SiteUrlsVm(L.Cases.Url, L.Volumes.Url, L.Taxonomy(Model.TaxonomyIds.Elements).Url, L.Taxonomy(Model.TaxonomyIds.Pillars).Url, L.Taxonomy(Model.TaxonomyIds.Tags).Url,
            L.Matrix.Url, L.Section("organizations").Url, L.Section("regions").Url, L.Section("checklists").Url, L.Section("lessons").Url,
            L.Glossary.Url, L.Feed.Url, L.My.Url);
        var b = _g.Settings.BasePath;
        return new SiteVm(_g.Settings.Title, _g.Settings.Description, b, L.Home.Url, L.Search.Url, b + "assets/", nav, "ja", urls);
    }

    private PageMetaVm Meta(Permalink link, string title, string description, string kind, string section,
        List<LinkVm>? crumbs = null, string jsonLd = "", string ogType = "website", bool index = true, Pager? pager = null)
    {
        var canonical = _g.Settings.BaseUrl.Length > 0 ? _g.Settings.BaseUrl + link.Url[_g.Settings.BasePath.Length..] : link.Url;
        if (pager is { Number: > 1 }) title = string.Format(System.Globalization.CultureInfo.InvariantCulture, _theme.T("page_title_suffix"), title, pager.Number);
        return new PageMetaVm(title, description.Length > 0 ? description : _g.Settings.Description, link.Url, canonical, kind, section,
            jsonLd, ogType, index, crumbs ?? new List<LinkVm>(), pager?.Previous?.Url ?? "", pager?.Next?.Url ?? "");
    }

    private LinkVm Crumb(string label, Permalink link) => new(label, link.Url);

    /// <summary>All page jobs of the site, in the site map's order.</summary>
    public List<PageJob> Jobs() => _g.Map.Pages.Where(Renders).Select(Job).ToList();

    /// <summary>Whether the page exists with this theme: /my/ only when the theme has its layout.</summary>
    public bool Renders(SitePage page) => page.Kind != PageKind.My || _theme.HasLayout(MyTagsPage.Layout);

    /// <summary>The job rendering one page of the site map. Models are made when the page renders: serve lists every
    /// page but renders few.</summary>
    public PageJob Job(SitePage page)
    {
        var L = _g.Links;
        var home = Crumb(_theme.T("home"), L.Home);
        var link = page.Link;
        PageJob New(Func<object> model, PageMetaVm meta) => new(link, page.Layout, new PageValue<object>(model), meta, page.SourcePath);
        switch (page.Kind)
        {
            case PageKind.Home:
                return New(Home, Meta(link, _g.Settings.Title, _g.Settings.Description, "home", "home"));
            case PageKind.CaseList:
                return New(() => List(_theme.T("all_cases"), cases: Cards(page), pager: _listing.Pager(page)),
                    Meta(link, _theme.T("all_cases"), "", "cases", "cases", [home], pager: page.Pager));
            case PageKind.Case:
                return CaseJob(_g.CasesById[page.Key]);
            case PageKind.Taxonomy:
            {
                var label = _g.Content.Taxonomies[page.Key].Label;
                return New(() => _vm.Taxonomy(page.Key), Meta(link, label, "", "taxonomy", page.Key, [home], index: false));
            }
            case PageKind.Term:
            {
                var term = page.Term!;
                var label = _g.Content.Taxonomies[term.Taxonomy].Label;
                return New(() => new TermPageVm(_vm.Taxonomy(term.Taxonomy), _vm.Term(term), Cards(page), _listing.Pager(page)),
                    Meta(link, $"{label}: {term.Display}", term.Description, "term", term.Taxonomy, [home, Crumb(label, L.Taxonomy(term.Taxonomy))],
                        index: false, pager: page.Pager));
            }
            case PageKind.Volumes:
                return New(() => List(_theme.T("volumes_archive"), years: _g.Volumes.GroupBy(v => v.FiscalYear)
                        .Select(gr => new VolumeYearVm(Wareki.FiscalYear(gr.Key) + $"（{gr.Key}年度）", gr.Select(_vm.Volume).ToList())).ToList()),
                    Meta(link, _theme.T("volumes_archive"), "", "volumes", "volumes", [home], index: false));
            case PageKind.Volume:
            {
                var v = VolumeOf(page);
                return New(() => _vm.Volume(v), Meta(link, v.Title, v.Subtitle, "volume", "volumes", [home, Crumb(_theme.T("volumes_archive"), L.Volumes)]));
            }
            case PageKind.VolumeGrid:
            {
                var v = VolumeOf(page);
                var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, _theme.T("matrix_volume_title"), v.Title);
                return New(() => _listing.Grid(title, v.Title, L.Volume(v.Id), _g.VolumeCases[v.Id]),
                    Meta(link, title, "", "matrix", "matrix", [home, Crumb(_theme.T("matrix_title"), L.Matrix), Crumb(v.Title, L.Volume(v.Id))], index: false));
            }
            case PageKind.Print:
                return PrintJob(VolumeOf(page));
            case PageKind.Organizations:
                return New(() => List(_theme.T("organizations"), groups: Slice(_g.Organizations, page.Pager).Select(o => new GroupVm(o.Name, o.Link.Url, o.Cases.Count, new())).ToList(),
                        pager: _listing.Pager(page)),
                    Meta(link, _theme.T("organizations"), "", "organizations", "organizations", [home], index: false, pager: page.Pager));
            case PageKind.Organization:
                return New(() => List(page.Key, cases: Cards(page), pager: _listing.Pager(page)),
                    Meta(link, page.Key, "", "organization", "organizations", [home, Crumb(_theme.T("organizations"), L.Section("organizations"))], index: false, pager: page.Pager));
            case PageKind.Regions:
                return New(() => List(_theme.T("regions"), groups: Slice(_g.Regions, page.Pager).Select(r => new GroupVm(r.Name, r.Link.Url, r.Cases.Count, new())).ToList(),
                        pager: _listing.Pager(page)),
                    Meta(link, _theme.T("regions"), "", "regions", "regions", [home], index: false, pager: page.Pager));
            case PageKind.Region:
                return New(() => List(page.Key, cases: Cards(page), pager: _listing.Pager(page)),
                    Meta(link, page.Key, "", "region", "regions", [home, Crumb(_theme.T("regions"), L.Section("regions"))], index: false, pager: page.Pager));
            case PageKind.Matrix:
                return New(_listing.Overview, Meta(link, _theme.T("matrix_title"), "", "matrix", "matrix", [home], index: false));
            case PageKind.YearGrid:
            {
                var label = Wareki.FiscalYear(page.Year);
                var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, _theme.T("matrix_year_title"), label);
                return New(() => _listing.Grid(title, label, null, page.CaseIds.Select(id => _g.CasesById[id]).ToList()),
                    Meta(link, title, "", "matrix", "matrix", [home, Crumb(_theme.T("matrix_title"), L.Matrix)], index: false));
            }
            case PageKind.Lessons:
                return New(() => List(_theme.T("lessons"), lessons: _g.Lessons.Select(_vm.Lesson).ToList()),
                    Meta(link, _theme.T("lessons"), "", "lessons", "lessons", [home], index: false));
            case PageKind.Lesson:
            {
                var l = _g.Lessons.First(x => x.Id == page.Key);
                return New(() => _vm.Lesson(l), Meta(link, l.Title, l.Summary, "lesson", "lessons", [home, Crumb(_theme.T("lessons"), L.Section("lessons"))]));
            }
            case PageKind.ContentPage:
            {
                var p = _g.Pages.First(x => x.Id == page.Key);
                var crumbs = new List<LinkVm> { home };
                var v = p.Volume;
                if (v is not null) crumbs.Add(Crumb(v.Title, L.Volume(v.Id)));
                return New(() => _vm.Page(p), Meta(link, p.Title, p.Summary, "page", "pages", crumbs));
            }
            case PageKind.Checklists:
                return New(() => List(_theme.T("checklists"), checklists: _g.Checklists.Select(_vm.Checklist).ToList()),
                    Meta(link, _theme.T("checklists"), "", "checklists", "checklists", [home], index: false));
            case PageKind.Checklist:
            {
                var cl = _g.Checklists.First(x => x.Id == page.Key);
                return New(() => _vm.Checklist(cl), Meta(link, cl.Title, cl.Description, "checklist", "checklists",
                    [home, Crumb(_theme.T("checklists"), L.Section("checklists"))], index: false));
            }
            case PageKind.Glossary:
                return New(() => List(_theme.T("glossary"), glossary: _vm.Glossary(_g.Glossary)),
                    Meta(link, _theme.T("glossary"), "", "glossary", "glossary", [home], index: false));
            case PageKind.Search:
                return New(() => _vm.SearchFacets.Page(SiteMapBuilder.Taxonomies.Select(_vm.Taxonomy).ToList()),
                    Meta(link, _theme.T("search"), "", "search", "search", [home], index: false));
            case PageKind.My:
                return New(() => MyTagsPage.Build(_g, _theme), Meta(link, _theme.T("mytags_page_title"), "", "my", "my", [home], index: false));
            default:
                return New(() => List(_theme.T("not_found")), Meta(link, _theme.T("not_found"), "", "404", "", index: false));
        }
    }

    private static IEnumerable<T> Slice<T>(List<T> all, Pager? pager) =>
        pager is null ? all : all.Skip((pager.Number - 1) * pager.PageSize).Take(pager.PageSize);

    private Model.Volume VolumeOf(SitePage page) => _g.Volumes.First(v => v.Id == page.Key);

    private List<CaseCardVm> Cards(SitePage page) => page.CaseIds.Select(id => _vm.Card(_g.CasesById[id])).ToList();

    /// <summary>The page of one case, as <see cref="Jobs"/> lists it (serve re-renders single pages).</summary>
    public PageJob CaseJob(Model.CaseStudy c)
    {
        var L = _g.Links;
        var link = L.Case(c.Id);
        return new(link, "case", new PageValue<object>(() => _vm.Case(c)), new PageValue<PageMetaVm>(() =>
        {
            var crumbs = new List<LinkVm> { Crumb(_theme.T("home"), L.Home) };
            var v = _g.VolumeOf(c);
            if (v is not null) crumbs.Add(Crumb(v.Title, L.Volume(v.Id)));
            else crumbs.Add(Crumb(_theme.T("all_cases"), L.Cases));
            return Meta(link, c.Title, c.Summary.Length > 0 ? c.Summary : c.Subtitle, "case", "cases", crumbs, CaseJsonLd.For(_g, c, link), "article");
        }), c.SourcePath) { Shows = [c] };
    }

    /// <summary>The print edition of one volume, as <see cref="Jobs"/> lists it.</summary>
    public PageJob PrintJob(Model.Volume v)
    {
        var print = _g.Links.Print(v.Id);
        return new(print, "print", new PageValue<object>(() => _vm.PrintVolume(v)),
            Meta(print, v.Title + _theme.T("print_title_suffix"), v.Subtitle, "print", "volumes", null, index: false), "casebook.yml")
        {
            Shows = _g.VolumeCases[v.Id],
        };
    }

    private HomeVm Home() => new(_g.Volumes.Select(_vm.Volume).ToList(), _g.Cases.Take(6).Select(_vm.Card).ToList(),
        _g.Lessons.Select(_vm.Lesson).ToList(), _g.Checklists.Select(_vm.Checklist).ToList(),
        SiteMapBuilder.Taxonomies.Select(_vm.Taxonomy).ToList(), _g.Cases.Count,
        _g.Pages.Where(p => p.VolumeId is null).Select(_vm.Page).ToList());

    private static ListVm List(string title, string lead = "", List<CaseCardVm>? cases = null, List<GroupVm>? groups = null,
        List<LessonVm>? lessons = null, List<ChecklistVm>? checklists = null, List<GlossaryEntryVm>? glossary = null,
        List<TaxonomyVm>? taxonomies = null, List<VolumeYearVm>? years = null, PagerVm? pager = null) =>
        new(title, lead, cases ?? new(), groups ?? new(), lessons ?? new(), checklists ?? new(), glossary ?? new(),
            taxonomies ?? new(), years ?? new(), new(), pager ?? PagerVm.None);

    /// <summary>Renders jobs in parallel. A template failure becomes a diagnostic, never a crash.</summary>
    public List<RenderedPage> Render(IReadOnlyList<PageJob> jobs)
    {
        var results = new RenderedPage?[jobs.Count];
        Parallel.For(0, jobs.Count, i =>
        {
            var job = jobs[i];
            try
            {
                var model = job.Model is Lazy<object> lazy ? lazy.Value : job.Model;
                var html = _theme.Render(job.Layout, model, job.Meta, SiteFor(job));
                results[i] = new RenderedPage(job.Link.File, html);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                TemplateFailed(job, e);
            }
        });
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Renders jobs in parallel, each straight into the writer <paramref name="open"/> gives for its path,
    /// so no page is held in memory once written. Returns the pages written.</summary>
    /// <param name="open">Opens the file of a page (its path relative to the output folder); an I/O error there ends the render.</param>
    /// <param name="alongside">Other work of the build taken by the same threads, before the pages (the exports): no thread
    /// waits for work queued elsewhere, and none is left idle while any is left.</param>
    public int RenderTo(IReadOnlyList<PageJob> jobs, Func<string, TextWriter> open, IReadOnlyList<Action>? alongside = null)
    {
        var written = 0;
        var before = alongside ?? [];
        var order = RenderOrder(jobs);
        // How many pages still to write read each case's model (its page and its volume's print edition): the last one
        // lets it go, so models and bodies die young instead of being carried through every collection to the end.
        var readers = new Dictionary<Model.CaseStudy, StrongBox<int>>(ReferenceEqualityComparer.Instance);
        foreach (var job in order)
            foreach (var c in job.Shows)
                if (readers.TryGetValue(c, out var n)) n.Value++;
                else readers[c] = new StrongBox<int>(1);
        WorkQueue.Run(before.Count + order.Count, i =>
        {
            if (i < before.Count)
            {
                before[i]();
                return;
            }
            var job = order[i - before.Count];
            try
            {
                using var output = open(job.Link.File);
                try
                {
                    // Made for this page and not kept by the job (serve's Render keeps them: it renders few pages).
                    var model = job.Model switch { PageValue<object> value => value.Take(), Lazy<object> lazy => lazy.Value, var m => m };
                    var meta = job.LazyMeta is PageValue<PageMetaVm> made ? made.Take() : job.Meta;
                    _theme.Render(job.Layout, model, meta, SiteFor(meta), output);
                    Interlocked.Increment(ref written);
                }
                catch (Exception e) when (e is not OutOfMemoryException and not IOException and not UnauthorizedAccessException)
                {
                    TemplateFailed(job, e);
                }
            }
            finally
            {
                foreach (var c in job.Shows)
                    if (Interlocked.Decrement(ref readers[c].Value) == 0) _vm.Release(c);
            }
        });
        return written;
    }

    /// <summary>The order <see cref="RenderTo"/> renders jobs in: each print edition (a whole volume) followed by its cases'
    /// pages, then the rest in site-map order. A print edition taken last would be rendered on one core while the other
    /// has nothing left; a case page next to its print edition reads the same case model, made once for both and let go
    /// right after (<see cref="PageJob.Shows"/>).</summary>
    public static List<PageJob> RenderOrder(IReadOnlyList<PageJob> jobs)
    {
        var casePages = new Dictionary<Model.CaseStudy, PageJob>(ReferenceEqualityComparer.Instance);
        foreach (var j in jobs)
            if (j.Layout == "case" && j.Shows.Count == 1) casePages.TryAdd(j.Shows[0], j);
        var order = new List<PageJob>(jobs.Count);
        var placed = new HashSet<PageJob>(ReferenceEqualityComparer.Instance);
        foreach (var print in jobs.Where(j => j.Layout == "print"))
        {
            order.Add(print);
            placed.Add(print);
            foreach (var c in print.Shows)
                if (casePages.Remove(c, out var page)) { order.Add(page); placed.Add(page); }
        }
        foreach (var j in jobs) if (!placed.Contains(j)) order.Add(j);
        return order;
    }

    private readonly ConcurrentDictionary<string, SiteVm> _sections = new(StringComparer.Ordinal);

    /// <summary>The site model with the page's section marked in the navigation: one per section, not one per page.</summary>
    private SiteVm SiteFor(PageJob job) => SiteFor(job.Meta);

    private SiteVm SiteFor(PageMetaVm meta) => meta.Section is { Length: > 0 } s ? _sections.GetOrAdd(s, SiteVm) : _site;

    private void TemplateFailed(PageJob job, Exception e) =>
        _diagnostics.Error(DiagnosticCodes.TemplateError, $"ページ {job.Link.Url} を描画できません（テンプレート layouts/{job.Layout}.liquid）: {e.Message}",
            SourceSpan.File(job.SourcePath.Length > 0 ? job.SourcePath : "theme/layouts/" + job.Layout + ".liquid"));
}
