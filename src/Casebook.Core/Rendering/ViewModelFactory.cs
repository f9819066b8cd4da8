using System.Globalization;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering.Print;
using Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;
using Casebook.Core.Threading;

namespace Casebook.Core.Rendering;

/// <summary>Turns graph objects into view models. Markdown is rendered once per document and cached.</summary>
public sealed class ViewModelFactory
{
    private readonly SiteGraph _graph;
    private readonly MarkdownRenderer _markdown;
    private readonly DiagnosticBag _diagnostics;
    private readonly Theme _theme;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CaseCardVm> _cards = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<RenderedMarkdown>> _rendered = new(StringComparer.Ordinal);
    // The internal links of documents let go (Release), for the link check.
    private readonly System.Collections.Concurrent.ConcurrentQueue<List<InternalLink>> _releasedLinks = new();
    private readonly GlossaryAbbreviations _abbreviations;
    private readonly ChecklistRecommendations _recommendations;

    public ViewModelFactory(SiteGraph graph, MarkdownRenderer markdown, Theme theme, DiagnosticBag diagnostics)
    {
        _graph = graph;
        _markdown = markdown;
        _theme = theme;
        _diagnostics = diagnostics;
        _abbreviations = new GlossaryAbbreviations(graph);
        _recommendations = new ChecklistRecommendations(graph, theme);
    }

    /// <summary>The glossary abbreviations that apply to a case.</summary>
    public AbbreviationSet AbbreviationsFor(CaseStudy c) => _abbreviations.For(c);

    /// <summary>A case's body with its glossary abbreviations marked; rendered once per case and shared by
    /// the case page and the print edition.</summary>
    public RenderedMarkdown CaseBody(CaseStudy c) => Markdown("case:" + c.Id, c.Markdown, c.SourcePath, c.BodyFirstLine, AbbreviationsFor(c));

    /// <summary>The site-relative links of every document rendered (kept or let go), for the link check.</summary>
    public List<InternalLink> AllLinks =>
        _rendered.Values.Where(r => r.IsValueCreated).SelectMany(r => r.Value.Links).Concat(_releasedLinks.SelectMany(l => l)).ToList();

    /// <summary>A document's Markdown rendered once (two threads asking at once wait for the one rendering).</summary>
    public RenderedMarkdown Markdown(string key, string markdown, string path, int firstLine, AbbreviationSet? abbreviations = null) =>
        (_rendered.TryGetValue(key, out var kept) ? kept
            : _rendered.GetOrAdd(key, _ => new Lazy<RenderedMarkdown>(() => _markdown.Render(markdown, path, firstLine, _diagnostics, abbreviations)))).Value;

    /// <summary>Case page models and case bodies held (for tests: <see cref="Release"/> lets them go).</summary>
    internal (int Models, int Bodies) KeptCases => (_caseVms.Count, _rendered.Keys.Count(k => k.StartsWith("case:", StringComparison.Ordinal)));

    /// <summary>Lets go of a case's page model and rendered body once no page still to be written reads them
    /// (<see cref="SiteRenderer.RenderTo"/>); their links stay for the link check. Asked for again, they are made again
    /// (the same values; a diagnostic made twice is reported once).</summary>
    public void Release(CaseStudy c)
    {
        _caseVms.Remove(c.Id);
        if (_rendered.TryRemove("case:" + c.Id, out var body) && body.IsValueCreated && body.Value.Links.Count > 0)
            _releasedLinks.Enqueue(body.Value.Links);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Term, TermVm> _terms = new();

    /// <summary>Term view models are immutable, so each term's is built once and shared by every card.</summary>
    public TermVm Term(Term t) => _terms.TryGetValue(t, out var vm) ? vm : _terms.GetOrAdd(t, BuildTerm);

    private TermVm BuildTerm(Term t)
    {
        var count = _graph.TermCases.TryGetValue(t, out var l) ? l.Count : 0;
        return new TermVm(t.Taxonomy, t.Id, t.Label, t.Short, t.Display, t.Number is int n ? CircledNumber.Format(n) : "",
            t.Number ?? 0, t.Description, _graph.Links.Term(t).Url, count);
    }

    /// <summary>Built on first use: serve re-renders a few pages and needs only their cards.</summary>
    public CaseCardVm Card(CaseStudy c) => _cards.TryGetValue(c.Id, out var card) ? card : _cards.GetOrAdd(c.Id, _ => BuildCard(c));

    private CaseCardVm BuildCard(CaseStudy c)
    {
        var v = _graph.VolumeOf(c);
        return new CaseCardVm(c.Id, c.Title, c.Subtitle, c.Summary, _graph.Links.Case(c.Id).Url, c.Organization, c.Region.Display,
            Wareki.FiscalYear(c.FiscalYear), c.FiscalYear, v?.Title ?? "", v is null ? "" : _graph.Links.Volume(v.Id).Url,
            _graph.CaseNumber(c), c.Elements.Select(Term).ToList(), c.Pillars.Select(Term).ToList(), c.Tags.Select(Term).ToList(),
            c.ElementsBasisIn(v).Name(), c.PillarsBasisIn(v).Name());
    }

    private readonly MadeOnce<string, CaseVm> _caseVms = new(StringComparer.Ordinal);

    /// <summary>The case page's model; built once and shared with the print edition, which shows every case again.</summary>
    public CaseVm Case(CaseStudy c) => _caseVms.Get(c.Id, _ => BuildCase(c));

    private CaseVm BuildCase(CaseStudy c)
    {
        var md = CaseBody(c);
        var elements = _graph.Content.Taxonomies[TaxonomyIds.Elements];
        var grid = elements.Terms.Select(t => new ElementMarkVm(Term(t), c.Elements.Contains(t))).ToList();
        var region = _graph.RegionOf(c);
        var org = _graph.OrganizationOf(c) ?? throw new InvalidOperationException($"case {c.Id} has no organization page");
        var prev = _graph.Previous(c);
        var next = _graph.Next(c);
        var volume = _graph.VolumeOf(c);
        var filters = SearchFilters(c);
        var searchText = new Lazy<string>(() => TextNormalizer.Search(string.Join(" ・ ", new[] { c.Title, c.Subtitle, c.Summary, c.Organization }
            .Concat(c.Tags.Select(t => t.Label)).Concat(c.Voices.Select(v => v.Text))
            .Append(md.PlainText ?? throw new InvalidOperationException("the search text of a case was read from a renderer made without it")))));
        var tax = _graph.Content.Taxonomies;
        return new CaseVm
        {
            Card = Card(c),
            Authors = c.Authors,
            AuthorsText = string.Join("、", c.Authors),
            RegionPrefecture = c.Region.Prefecture,
            RegionCity = c.Region.City,
            RegionWard = c.Region.Ward,
            RegionUrl = region?.Link.Url ?? "",
            OrganizationUrl = org.Link.Url,
            BodyHtml = CaseBody(c).Html,
            Sections = md.Sections.Select(s => new SectionVm(s.Id, s.Title)).ToList(),
            ElementGrid = grid,
            Profile = c.Profile.Select(p => new ProfileRowVm(p.Key, p.Value)).ToList(),
            ProfileAsOf = c.ProfileAsOf,
            Voices = c.Voices.Select(v => new VoiceVm(v.Speaker, v.Role, v.Text)).ToList(),
            Source = c.Source,
            Related = _graph.Related[c.Id].Select(Card).ToList(),
            Previous = prev is null ? [] : [Card(prev)],
            Next = next is null ? [] : [Card(next)],
            Filters = filters,
            SearchTextSource = searchText,
            ElementsLabel = tax[TaxonomyIds.Elements].Label,
            PillarsLabel = tax[TaxonomyIds.Pillars].Label,
            TagsLabel = tax[TaxonomyIds.Tags].Label,
        };
    }

    /// <summary>The case's values for each search facet (<see cref="Search.SearchFacetList"/>).</summary>
    public List<SearchFilterVm> SearchFilters(CaseStudy c) => SearchFacets.Filters(c);

    /// <summary>Every search facet with its values and counts (<see cref="Search.SearchFacetList"/>).</summary>
    public List<SearchFacetVm> SearchFacetList() => SearchFacets.All();

    private Search.SearchFacetList? _searchFacets;
    public Search.SearchFacetList SearchFacets => _searchFacets ??= new Search.SearchFacetList(_graph, _theme);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaxonomyVm> _taxonomies = new(StringComparer.Ordinal);

    /// <summary>Built once per taxonomy: every term page shows it, and its case count scans the whole site.</summary>
    public TaxonomyVm Taxonomy(string id) => _taxonomies.TryGetValue(id, out var vm) ? vm : _taxonomies.GetOrAdd(id, BuildTaxonomy);

    private TaxonomyVm BuildTaxonomy(string id)
    {
        var tax = _graph.Content.Taxonomies[id];
        var terms = _graph.TaxonomyTerms[id].Select(Term).ToList();
        var count = _graph.Cases.Count(c => c.AllTerms.Any(t => t.Taxonomy == id));
        return new TaxonomyVm(id, tax.Label, _graph.Links.Taxonomy(id).Url, terms, count, tax.Numbered);
    }

    public List<GlossaryEntryVm> Glossary(IEnumerable<GlossaryEntry> entries) =>
        entries.Select(e => new GlossaryEntryVm(e.Abbr, e.Expansion, e.Note, GlossaryAnchor(e.Abbr))).ToList();

    public static string GlossaryAnchor(string abbr) => GlossaryAbbreviations.Anchor(abbr);

    private readonly MadeOnce<Volume, VolumeVm> _volumes = new(ReferenceEqualityComparer.Instance);

    /// <summary>A volume's model, built once: the home page, the archive, the volume's page and its print edition all show it.</summary>
    public VolumeVm Volume(Volume v) => _volumes.Get(v, BuildVolume);

    private VolumeVm BuildVolume(Volume v)
    {
        var links = _graph.Links;
        var glossary = v.Glossaries;
        var foreword = v.ForewordMarkdown.Length > 0 && v.ForewordPath is not null
            ? Markdown("volume:" + v.Id, v.ForewordMarkdown, v.ForewordPath, v.ForewordFirstLine).Html : "";
        var pages = _graph.Pages.Where(p => p.Volume == v).Select(p => new LinkVm(p.Title, links.Page(p.Id).Url)).ToList();
        var cases = _graph.VolumeCases[v.Id];
        var baseUrl = links.Volume(v.Id).Url;
        return new VolumeVm(v.Id, v.Title, v.Subtitle, v.Publisher, v.FiscalYear, Wareki.FiscalYear(v.FiscalYear),
            v.Number is int n ? _theme.T("volume_number").Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : "",
            baseUrl, links.Print(v.Id).Url, links.VolumeExport(v.Id, "csv").Url, links.VolumeExport(v.Id, "json").Url, PdfUrl(v), v.ForewordTitle.Length > 0 ? v.ForewordTitle : _theme.T("foreword_title"), foreword,
            cases.Select(Card).ToList(), Glossary(glossary.SelectMany(g => g.Entries)), glossary.FirstOrDefault()?.Title is { Length: > 0 } glossaryTitle ? glossaryTitle : _theme.T("glossary"),
            v.Contributors.Select(p => new PersonVm(p.Name, p.Organization, p.Role)).ToList(),
            v.Colophon.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(), pages, cases.Count);
    }

    /// <summary>A PDF made with `casebook pdf` and placed at input/assets/volumes/&lt;id&gt;.pdf is offered on the volume page.</summary>
    private string PdfUrl(Volume v)
    {
        var rel = $"volumes/{v.Id}.pdf";
        return _graph.Content.Assets.Any(a => a.RelativePath == rel) ? _graph.Links.File("assets/" + rel).Url : "";
    }

    /// <summary>The whole volume as one document for paper and PDF (see <see cref="PrintBody"/>).</summary>
    public PrintVolumeVm PrintVolume(Volume v)
    {
        var vm = Volume(v);
        var cases = _graph.VolumeCases[v.Id];
        var own = v.GlossaryEntries.ToList();
        var ownAbbrs = own.Select(e => e.Abbr).ToHashSet(StringComparer.Ordinal);
        var used = cases.SelectMany(c => CaseBody(c).Abbreviations).Select(t => t.Entry)
            .Where(e => !ownAbbrs.Contains(e.Abbr)).DistinctBy(e => e.Abbr).OrderBy(e => e.Abbr, StringComparer.Ordinal);
        var glossary = Glossary(own.Concat(used));
        // Glossary links of the web edition (…/volumes/x/#g-cp, …/glossary/#g-cp) become links within the document.
        var anchors = glossary.Select(g => g.Anchor).ToHashSet(StringComparer.Ordinal);
        string? Local(string href)
        {
            var hash = href.IndexOf('#');
            return hash >= 0 && anchors.Contains(Uri.UnescapeDataString(href[(hash + 1)..])) && href.Contains("#g-", StringComparison.Ordinal)
                ? "#" + href[(hash + 1)..] : null;
        }
        var printCases = cases.Select(c =>
        {
            var anchor = "case-" + c.Id;
            return new PrintCaseVm(Case(c), anchor, PrintBody.Prepare(CaseBody(c).Html, anchor + "-", Local));
        }).ToList();
        var foreword = PrintBody.Prepare(vm.ForewordHtml, "foreword-", Local);
        return new PrintVolumeVm(vm, printCases, _graph.Settings.BasePath + "assets/css/print.css",
            _graph.Settings.BasePath + SiteFiles.PrintPageCss, foreword, glossary, PrintSubject(vm), PrintKeywords(cases));
    }

    private static string PrintSubject(VolumeVm v) =>
        string.Join("、", new[] { v.Subtitle, v.FiscalYearLabel + (v.NumberLabel.Length > 0 ? "・" + v.NumberLabel : ""), $"事例 {v.CaseCount} 件" }
            .Where(s => s.Length > 0));

    /// <summary>The elements the volume's cases show, in their order, then its twenty most used themes.</summary>
    private static string PrintKeywords(IReadOnlyList<CaseStudy> cases)
    {
        var elements = cases.SelectMany(c => c.Elements).DistinctBy(t => t.Id).OrderBy(t => t.Number ?? 0)
            .Select(t => t.Short.Length > 0 ? t.Short : t.Label);
        var themes = cases.SelectMany(c => c.Tags).GroupBy(t => t.Label)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).Take(20);
        return string.Join(", ", elements.Concat(themes).Distinct());
    }

    private readonly MadeOnce<Lesson, LessonVm> _lessons = new(ReferenceEqualityComparer.Instance);

    /// <summary>A lesson's model, built once: the home page, the lessons page and its own page show it.</summary>
    public LessonVm Lesson(Lesson l) => _lessons.Get(l, BuildLesson);

    private LessonVm BuildLesson(Lesson l)
    {
        var md = Markdown("lesson:" + l.Id, l.Markdown, l.SourcePath, l.BodyFirstLine);
        var blocks = l.Blocks.Select((b, bi) => new LessonBlockVm(b.Type, b.Title, $"block-{bi + 1}",
            b.Items.Select((it, ii) => new LessonItemVm(ii + 1, it.Title, it.Subtitle,
                Markdown($"lesson:{l.Id}:{bi}:{ii}", it.Text, l.SourcePath, l.BodyFirstLine).Html,
                it.CaseRefs.Select(r => _graph.CasesById.GetValueOrDefault(r.Raw)).Where(c => c is not null)
                    .Select(c => new LinkVm(c!.Title, _graph.Links.Case(c.Id).Url)).ToList())).ToList())).ToList();
        var related = l.RelatedCaseRefs.Select(r => _graph.CasesById.GetValueOrDefault(r.Raw)).Where(c => c is not null).Select(c => Card(c!)).ToList();
        return new LessonVm(l.Id, l.Title, l.Summary, _graph.Links.Lesson(l.Id).Url, l.Source, md.Html, blocks, related);
    }

    private readonly MadeOnce<Page, ContentPageVm> _pages = new(ReferenceEqualityComparer.Instance);

    /// <summary>A content page's model, built once (the home page lists the pages outside volumes).</summary>
    public ContentPageVm Page(Page p) => _pages.Get(p, BuildPage);

    private ContentPageVm BuildPage(Page p)
    {
        var md = Markdown("page:" + p.Id, p.Markdown, p.SourcePath, p.BodyFirstLine);
        var v = p.Volume;
        return new ContentPageVm(p.Id, p.Title, p.Summary, _graph.Links.Page(p.Id).Url, md.Html,
            v is null ? [] : [new LinkVm(v.Title, _graph.Links.Volume(v.Id).Url)]);
    }

    private readonly MadeOnce<Checklist, ChecklistVm> _checklists = new(ReferenceEqualityComparer.Instance);

    /// <summary>A checklist's model, built once: its recommendations scan the cases of every item's terms, and the home
    /// page, the checklists page and its own page all show it.</summary>
    public ChecklistVm Checklist(Checklist cl) => _checklists.Get(cl, BuildChecklist);

    private ChecklistVm BuildChecklist(Checklist cl)
    {
        var items = cl.Items.Select((it, i) =>
        {
            var termLinks = it.Terms.Select(t => new LinkVm(t.Display, _graph.Links.Term(t).Url)).ToList();
            return new ChecklistItemVm(i + 1, it.Id, it.Label, it.Guidance, it.Good, termLinks, _recommendations.For(it));
        }).ToList();
        var scale = cl.Scale.Select(s => new ScaleOptionVm(s.Id, s.Label,
            s.Score?.ToString(CultureInfo.InvariantCulture) ?? "", s.Score is not null, s.Description)).ToList();
        var levelLabel = cl.Level is "organization" or "individual" or "team" ? _theme.T("level_" + cl.Level) : cl.Level;
        var notesLabel = cl.NotesLabel.Length > 0 ? cl.NotesLabel : _theme.T("notes_label_default");
        var data = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = cl.Id, title = cl.Title, level = cl.Level, notes_label = notesLabel, base_path = _graph.Settings.BasePath,
            scale = cl.Scale.Select(s => new { id = s.Id, label = s.Label, score = s.Score }),
            items = items.Select(i => new { id = i.Id, label = i.Label, number = i.Number, good = i.Good,
                recommendations = i.Recommendations.Select(r => new { title = r.Title, url = r.Url, organization = r.Organization, why = r.Why }) }),
        }, JsonText.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        // UI strings for the script come from the theme's i18n file, never from the script itself.
        var strings = _theme.Strings.Where(kv => kv.Key.StartsWith("checklist_", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        var stringsJson = System.Text.Json.JsonSerializer.Serialize(strings, JsonText.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        return new ChecklistVm(cl.Id, cl.Title, cl.Level, levelLabel, cl.Audience, cl.Description, notesLabel,
            _graph.Links.Checklist(cl.Id).Url, scale, items, data, scale.Where(s => s.Scored).ToList(), cl.Level == "team", stringsJson);
    }


}
