using System.Collections.Concurrent;
using System.Text.Json;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Output;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Rendering;

/// <summary>A page to render: its layout, model and metadata. The metadata may be made on first use (a case page's
/// JSON-LD costs a serialization, and serve's rebuilds list every page but render few).</summary>
public sealed record PageJob(Permalink Link, string Layout, object Model, Lazy<PageMetaVm> LazyMeta, string SourcePath)
{
    public PageJob(Permalink link, string layout, object model, PageMetaVm meta, string sourcePath)
        : this(link, layout, model, new Lazy<PageMetaVm>(meta), sourcePath) { }

    public PageMetaVm Meta => LazyMeta.Value;
}

/// <summary>Stage 4: every page of the site, rendered in parallel through the theme.</summary>
public sealed class SiteRenderer
{
    private readonly SiteGraph _g;
    private readonly Theme _theme;
    private readonly DiagnosticBag _diagnostics;
    private readonly ViewModelFactory _vm;
    private readonly SiteVm _site;

    public SiteRenderer(SiteGraph graph, Theme theme, DiagnosticBag diagnostics)
    {
        _g = graph;
        _theme = theme;
        _diagnostics = diagnostics;
        _vm = new ViewModelFactory(graph, new MarkdownRenderer(graph.Settings.BasePath, graph.Settings.AllowRawHtml, theme.T("editorial_note"),
            graph.Content.Images, graph.Settings.RequireAlt), theme, diagnostics);
        _site = SiteVm(null);
    }

    public ViewModelFactory ViewModels => _vm;

    private SiteVm SiteVm(string? section)
    {
        var b = _g.Settings.BasePath;
        var nav = new List<NavItemVm>
        {
            new(_theme.T("nav_cases"), b + "cases/", section == "cases"),
            new(_theme.T("nav_volumes"), b + "volumes/", section == "volumes"),
            new(_theme.T("nav_elements"), b + "elements/", section == "elements"),
            new(_theme.T("nav_matrix"), b + "matrix/", section == "matrix"),
            new(_theme.T("nav_checklists"), b + "checklists/", section == "checklists"),
            new(_theme.T("nav_lessons"), b + "lessons/", section == "lessons"),
            new(_theme.T("nav_glossary"), b + "glossary/", section == "glossary"),
        };
        return new SiteVm(_g.Settings.Title, _g.Settings.Description, b, b, b + "search/", b + "assets/", nav, "ja");
    }

    private PageMetaVm Meta(Permalink link, string title, string description, string kind, string section,
        List<LinkVm>? crumbs = null, string jsonLd = "", string ogType = "website", bool index = true)
    {
        var canonical = _g.Settings.BaseUrl.Length > 0 ? _g.Settings.BaseUrl + link.Url[_g.Settings.BasePath.Length..] : link.Url;
        return new PageMetaVm(title, description.Length > 0 ? description : _g.Settings.Description, link.Url, canonical, kind, section,
            jsonLd, ogType, index, crumbs ?? new List<LinkVm>());
    }

    private LinkVm Crumb(string label, Permalink link) => new(label, link.Url);

    /// <summary>All page jobs of the site, in a stable order.</summary>
    public List<PageJob> Jobs()
    {
        var L = _g.Links;
        var jobs = new List<PageJob>();
        var home = Crumb(_theme.T("home"), L.Home);

        jobs.Add(new(L.Home, "home", Home(), Meta(L.Home, _g.Settings.Title, _g.Settings.Description, "home", "home"), "casebook.yml"));

        // Cases
        var casesIndex = L.For("cases");
        jobs.Add(new(casesIndex, "list", List(_theme.T("all_cases"), cases: _g.Cases.Select(_vm.Card).ToList()),
            Meta(casesIndex, _theme.T("all_cases"), "", "cases", "cases", [home]), ""));
        foreach (var c in _g.Cases) jobs.Add(CaseJob(c));

        // Taxonomies and their terms
        foreach (var taxId in new[] { "elements", "pillars", "tags" })
        {
            var tax = _vm.Taxonomy(taxId);
            var link = L.Taxonomy(taxId);
            jobs.Add(new(link, "taxonomy", tax, Meta(link, tax.Label, "", "taxonomy", taxId, [home], index: false), "casebook.yml"));
            foreach (var term in _g.TaxonomyTerms[taxId])
            {
                var tl = L.Term(term);
                var cases = _g.TermCases.TryGetValue(term, out var l) ? l.Select(_vm.Card).ToList() : new List<CaseCardVm>();
                jobs.Add(new(tl, "term", new TermPageVm(tax, _vm.Term(term), cases),
                    Meta(tl, $"{tax.Label}: {term.Display}", term.Description, "term", taxId, [home, Crumb(tax.Label, link)], index: false), "casebook.yml"));
            }
        }

        // Volumes
        var volumesIndex = L.For("volumes");
        var years = _g.Volumes.GroupBy(v => v.FiscalYear).Select(gr => new VolumeYearVm(Wareki.FiscalYear(gr.Key) + $"（{gr.Key}年度）",
            gr.Select(_vm.Volume).ToList())).ToList();
        jobs.Add(new(volumesIndex, "volumes", List(_theme.T("volumes_archive"), years: years),
            Meta(volumesIndex, _theme.T("volumes_archive"), "", "volumes", "volumes", [home], index: false), "casebook.yml"));
        foreach (var v in _g.Volumes)
        {
            var link = L.Volume(v.Id);
            var vm = _vm.Volume(v);
            jobs.Add(new(link, "volume", vm, Meta(link, v.Title, v.Subtitle, "volume", "volumes", [home, Crumb(_theme.T("volumes_archive"), volumesIndex)]),
                v.ForewordPath ?? "casebook.yml"));
            jobs.Add(PrintJob(v));
        }

        // Organizations and regions
        var orgIndex = L.For("organizations");
        jobs.Add(new(orgIndex, "list", List(_theme.T("organizations"), groups: _g.Organizations.Select(o => new GroupVm(o.Name, o.Link.Url, o.Cases.Count, new())).ToList()),
            Meta(orgIndex, _theme.T("organizations"), "", "organizations", "organizations", [home], index: false), ""));
        foreach (var o in _g.Organizations)
            jobs.Add(new(o.Link, "list", List(o.Name, cases: o.Cases.Select(_vm.Card).ToList()),
                Meta(o.Link, o.Name, "", "organization", "organizations", [home, Crumb(_theme.T("organizations"), orgIndex)], index: false), ""));
        var regionIndex = L.For("regions");
        jobs.Add(new(regionIndex, "list", List(_theme.T("regions"), groups: _g.Regions.Select(r => new GroupVm(r.Name, r.Link.Url, r.Cases.Count, new())).ToList()),
            Meta(regionIndex, _theme.T("regions"), "", "regions", "regions", [home], index: false), ""));
        foreach (var r in _g.Regions)
            jobs.Add(new(r.Link, "list", List(r.Name, cases: r.Cases.Select(_vm.Card).ToList()),
                Meta(r.Link, r.Name, "", "region", "regions", [home, Crumb(_theme.T("regions"), regionIndex)], index: false), ""));

        // Elements × cases matrix
        var matrix = L.For("matrix");
        jobs.Add(new(matrix, "matrix", Matrix(), Meta(matrix, _theme.T("matrix_title"), "", "matrix", "matrix", [home], index: false), ""));

        // Lessons, pages, checklists, glossary
        var lessonsIndex = L.For("lessons");
        jobs.Add(new(lessonsIndex, "list", List(_theme.T("lessons"), lessons: _g.Lessons.Select(_vm.Lesson).ToList()),
            Meta(lessonsIndex, _theme.T("lessons"), "", "lessons", "lessons", [home], index: false), ""));
        foreach (var l in _g.Lessons)
        {
            var link = L.Lesson(l.Id);
            jobs.Add(new(link, "lesson", new Lazy<object>(() => _vm.Lesson(l)), Meta(link, l.Title, l.Summary, "lesson", "lessons", [home, Crumb(_theme.T("lessons"), lessonsIndex)]), l.SourcePath));
        }
        foreach (var p in _g.Pages)
        {
            var link = L.Page(p.Id);
            var crumbs = new List<LinkVm> { home };
            var v = p.VolumeId is null ? null : _g.Volumes.FirstOrDefault(x => x.Id == p.VolumeId);
            if (v is not null) crumbs.Add(Crumb(v.Title, L.Volume(v.Id)));
            jobs.Add(new(link, "page", new Lazy<object>(() => _vm.Page(p)), Meta(link, p.Title, p.Summary, "page", "pages", crumbs), p.SourcePath));
        }
        var checklistsIndex = L.For("checklists");
        jobs.Add(new(checklistsIndex, "list", List(_theme.T("checklists"), checklists: _g.Checklists.Select(_vm.Checklist).ToList()),
            Meta(checklistsIndex, _theme.T("checklists"), "", "checklists", "checklists", [home], index: false), ""));
        foreach (var cl in _g.Checklists)
        {
            var link = L.Checklist(cl.Id);
            jobs.Add(new(link, "checklist", new Lazy<object>(() => _vm.Checklist(cl)),
                Meta(link, cl.Title, cl.Description, "checklist", "checklists", [home, Crumb(_theme.T("checklists"), checklistsIndex)], index: false), cl.SourcePath));
        }
        var glossary = L.For("glossary");
        jobs.Add(new(glossary, "list", List(_theme.T("glossary"), glossary: _vm.Glossary(_g.Glossary)),
            Meta(glossary, _theme.T("glossary"), "", "glossary", "glossary", [home], index: false), ""));

        var search = L.For("search");
        jobs.Add(new(search, "search", new Lazy<object>(() => _vm.SearchFacets.Page(new[] { "elements", "pillars", "tags" }.Select(_vm.Taxonomy).ToList())),
            Meta(search, _theme.T("search"), "", "search", "search", [home], index: false), ""));
        if (_theme.HasLayout(MyTagsPage.Layout))
        {
            var my = L.For("my");
            jobs.Add(new(my, MyTagsPage.Layout, new Lazy<object>(() => MyTagsPage.Build(_g, _theme)),
                Meta(my, _theme.T("mytags_page_title"), "", "my", "my", [home], index: false), ""));
        }
        var notFound = L.File("404.html");
        jobs.Add(new(notFound, "404", List(_theme.T("not_found")), Meta(notFound, _theme.T("not_found"), "", "404", "", index: false), ""));
        return jobs;
    }

    /// <summary>The page of one case, as <see cref="Jobs"/> lists it (serve re-renders single pages).</summary>
    public PageJob CaseJob(Model.CaseStudy c)
    {
        var L = _g.Links;
        var link = L.Case(c.Id);
        return new(link, "case", new Lazy<object>(() => _vm.Case(c)), new Lazy<PageMetaVm>(() =>
        {
            var crumbs = new List<LinkVm> { Crumb(_theme.T("home"), L.Home) };
            var v = _g.VolumeOf(c);
            if (v is not null) crumbs.Add(Crumb(v.Title, L.Volume(v.Id)));
            else crumbs.Add(Crumb(_theme.T("all_cases"), L.For("cases")));
            return Meta(link, c.Title, c.Summary.Length > 0 ? c.Summary : c.Subtitle, "case", "cases", crumbs, CaseJsonLd(c, link), "article");
        }), c.SourcePath);
    }

    /// <summary>The print edition of one volume, as <see cref="Jobs"/> lists it.</summary>
    public PageJob PrintJob(Model.Volume v)
    {
        var print = _g.Links.For("volumes", v.Id, "print");
        return new(print, "print", new Lazy<object>(() => _vm.PrintVolume(v)),
            Meta(print, v.Title + _theme.T("print_title_suffix"), v.Subtitle, "print", "volumes", null, index: false), "casebook.yml");
    }

    private HomeVm Home() => new(_g.Volumes.Select(_vm.Volume).ToList(), _g.Cases.Take(6).Select(_vm.Card).ToList(),
        _g.Lessons.Select(_vm.Lesson).ToList(), _g.Checklists.Select(_vm.Checklist).ToList(),
        new[] { "elements", "pillars", "tags" }.Select(_vm.Taxonomy).ToList(), _g.Cases.Count,
        _g.Pages.Where(p => p.VolumeId is null).Select(_vm.Page).ToList());

    private static ListVm List(string title, string lead = "", List<CaseCardVm>? cases = null, List<GroupVm>? groups = null,
        List<LessonVm>? lessons = null, List<ChecklistVm>? checklists = null, List<GlossaryEntryVm>? glossary = null,
        List<TaxonomyVm>? taxonomies = null, List<VolumeYearVm>? years = null) =>
        new(title, lead, cases ?? new(), groups ?? new(), lessons ?? new(), checklists ?? new(), glossary ?? new(),
            taxonomies ?? new(), years ?? new(), new());

    private MatrixVm Matrix()
    {
        var elements = _g.Content.Taxonomies["elements"].Terms;
        var groups = new List<MatrixGroupVm>();
        foreach (var v in _g.Volumes)
            groups.Add(new MatrixGroupVm(v.Title, _g.Links.Volume(v.Id).Url,
                _g.VolumeCases[v.Id].Select(c => new MatrixRowVm(_vm.Card(c), elements.Select(e => c.Elements.Contains(e)).ToList())).ToList()));
        var loose = _g.Cases.Where(c => _g.VolumeOf(c) is null).ToList();
        if (loose.Count > 0)
            groups.Add(new MatrixGroupVm(_theme.T("other_cases"), "",
                loose.Select(c => new MatrixRowVm(_vm.Card(c), elements.Select(e => c.Elements.Contains(e)).ToList())).ToList()));
        var totals = elements.Select(e => _g.Cases.Count(c => c.Elements.Contains(e))).ToList();
        return new MatrixVm(elements.Select(_vm.Term).ToList(), groups, totals);
    }

    private string CaseJsonLd(Model.CaseStudy c, Permalink link)
    {
        var ld = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = c.Title,
            ["inLanguage"] = "ja",
            ["author"] = c.Authors.Select(a => new Dictionary<string, string> { ["@type"] = "Person", ["name"] = a }).ToArray(),
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = c.Organization },
            ["keywords"] = string.Join(",", c.AllTerms.Select(t => t.Label)),
            ["url"] = _g.Settings.BaseUrl.Length > 0 ? _g.Settings.BaseUrl + link.Url[_g.Settings.BasePath.Length..] : link.Url,
        };
        if (c.Summary.Length > 0) ld["description"] = c.Summary;
        if (_g.VolumeOf(c) is { } v)
        {
            var volumeUrl = _g.Links.Volume(v.Id).Url;
            ld["isPartOf"] = new Dictionary<string, object>
            {
                ["@type"] = "Book",
                ["name"] = v.Title,
                ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = v.Publisher },
                ["url"] = _g.Settings.BaseUrl.Length > 0 ? _g.Settings.BaseUrl + volumeUrl[_g.Settings.BasePath.Length..] : volumeUrl,
            };
            if (_g.CaseNumber(c) > 0) ld["position"] = _g.CaseNumber(c);
        }
        return JsonSerializer.Serialize(ld, JsonExport.Options).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    /// <summary>Renders jobs in parallel. A template failure becomes a diagnostic, never a crash.</summary>
    public List<OutputFile> Render(IReadOnlyList<PageJob> jobs)
    {
        var results = new OutputFile?[jobs.Count];
        Parallel.For(0, jobs.Count, i =>
        {
            var job = jobs[i];
            try
            {
                var model = job.Model is Lazy<object> lazy ? lazy.Value : job.Model;
                var html = _theme.Render(job.Layout, model, job.Meta, SiteFor(job));
                results[i] = OutputFile.Text(job.Link.File, html);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                TemplateFailed(job, e);
            }
        });
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Renders jobs in parallel straight into files under <paramref name="staged"/> (see
    /// <see cref="SiteWriter.Begin"/>), so no page is held in memory once written. Returns the pages written.</summary>
    public int RenderTo(IReadOnlyList<PageJob> jobs, string staged)
    {
        var written = 0;
        Parallel.For(0, jobs.Count, i =>
        {
            var job = jobs[i];
            using var output = SiteWriter.OpenText(staged, job.Link.File);   // I/O problems end the build, as before
            try
            {
                var model = job.Model is Lazy<object> lazy ? lazy.Value : job.Model;
                _theme.Render(job.Layout, model, job.Meta, SiteFor(job), output);
                Interlocked.Increment(ref written);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not IOException and not UnauthorizedAccessException)
            {
                TemplateFailed(job, e);
            }
        });
        return written;
    }

    private SiteVm SiteFor(PageJob job) => job.Meta.Section is { Length: > 0 } s ? SiteVm(s) : _site;

    private void TemplateFailed(PageJob job, Exception e) =>
        _diagnostics.Error(DiagnosticCodes.TemplateError, $"ページ {job.Link.Url} を描画できません（テンプレート layouts/{job.Layout}.liquid）: {e.Message}",
            SourceSpan.File(job.SourcePath.Length > 0 ? job.SourcePath : "theme/layouts/" + job.Layout + ".liquid"));
}
