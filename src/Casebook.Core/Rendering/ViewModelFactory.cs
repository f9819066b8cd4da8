using System.Globalization;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.PostProcessing;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Rendering;

/// <summary>Turns graph objects into view models. Markdown is rendered once per document and cached.</summary>
public sealed class ViewModelFactory
{
    private readonly SiteGraph _graph;
    private readonly MarkdownRenderer _markdown;
    private readonly DiagnosticBag _diagnostics;
    private readonly Theme _theme;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CaseCardVm> _cards = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RenderedMarkdown> _rendered = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Abbreviations.Result>> _caseBodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AbbreviationSet> _abbreviationSets = new(StringComparer.Ordinal);
    private readonly AbbreviationSet _siteAbbreviations;

    public ViewModelFactory(SiteGraph graph, MarkdownRenderer markdown, Theme theme, DiagnosticBag diagnostics)
    {
        _graph = graph;
        _markdown = markdown;
        _theme = theme;
        _diagnostics = diagnostics;

        // 略字表記: a case uses its volume's glossary, then the site-wide glossaries.
        var glossaryUrl = graph.Links.For("glossary").Url;
        var siteWide = graph.Content.Glossaries.Where(g => g.VolumeId is null).SelectMany(g => g.Entries)
            .Select(e => new AbbreviationTarget(e, glossaryUrl + "#" + GlossaryAnchor(e.Abbr))).ToList();
        _siteAbbreviations = new AbbreviationSet(siteWide);
        foreach (var v in graph.Volumes)
        {
            var volumeUrl = graph.Links.Volume(v.Id).Url;
            var own = graph.Content.Glossaries.Where(g => g.VolumeId == v.Id).SelectMany(g => g.Entries)
                .Select(e => new AbbreviationTarget(e, volumeUrl + "#" + GlossaryAnchor(e.Abbr)));
            // Most volumes have no glossary of their own: they share the site-wide set (and its compiled pattern).
            _abbreviationSets[v.Id] = own.Any() ? new AbbreviationSet(own.Concat(siteWide)) : _siteAbbreviations;
        }
    }

    /// <summary>The glossary abbreviations that apply to a case.</summary>
    public AbbreviationSet AbbreviationsFor(CaseStudy c) =>
        c.VolumeId is not null && _abbreviationSets.TryGetValue(c.VolumeId, out var set) ? set : _siteAbbreviations;

    /// <summary>A case's body HTML with abbreviations marked; computed once per case and shared by
    /// the case page and the print edition.</summary>
    public Abbreviations.Result CaseBody(CaseStudy c) =>
        _caseBodies.GetOrAdd(c.Id, _ => new Lazy<Abbreviations.Result>(() =>
            Abbreviations.Apply(Markdown("case:" + c.Id, c.Markdown, c.SourcePath, c.BodyFirstLine).Html, AbbreviationsFor(c)))).Value;

    public List<InternalLink> AllLinks => _rendered.Values.SelectMany(r => r.Links).ToList();

    public RenderedMarkdown Markdown(string key, string markdown, string path, int firstLine) =>
        _rendered.GetOrAdd(key, _ => _markdown.Render(markdown, path, firstLine, _diagnostics));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Term, TermVm> _terms = new();

    /// <summary>Term view models are immutable, so each term's is built once and shared by every card.</summary>
    public TermVm Term(Term t) => _terms.TryGetValue(t, out var vm) ? vm : _terms.GetOrAdd(t, BuildTerm);

    private TermVm BuildTerm(Term t)
    {
        var count = _graph.TermCases.TryGetValue(t, out var l) ? l.Count : 0;
        return new TermVm(t.Taxonomy, t.Id, t.Label, t.Short, t.Display, t.Number is int n ? Wareki.CircledNumber(n) : "",
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

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CaseVm>> _caseVms = new(StringComparer.Ordinal);

    /// <summary>The case page's model; built once and shared with the print edition, which shows every case again.</summary>
    public CaseVm Case(CaseStudy c) => _caseVms.GetOrAdd(c.Id, _ => new Lazy<CaseVm>(() => BuildCase(c))).Value;

    private CaseVm BuildCase(CaseStudy c)
    {
        var md = Markdown("case:" + c.Id, c.Markdown, c.SourcePath, c.BodyFirstLine);
        var elements = _graph.Content.Taxonomies["elements"];
        var grid = elements.Terms.Select(t => new ElementMarkVm(Term(t), c.Elements.Contains(t))).ToList();
        var region = _graph.RegionOf(c);
        var org = _graph.OrganizationOf(c) ?? throw new InvalidOperationException($"case {c.Id} has no organization page");
        var prev = _graph.Previous(c);
        var next = _graph.Next(c);
        var volume = _graph.VolumeOf(c);
        var filters = SearchFilters(c);
        var searchText = TextNormalizer.Search(string.Join(" ・ ", new[] { c.Title, c.Subtitle, c.Summary, c.Organization }
            .Concat(c.Tags.Select(t => t.Label)).Concat(c.Voices.Select(v => v.Text)).Append(md.PlainText)));
        var tax = _graph.Content.Taxonomies;
        return new CaseVm(Card(c), c.Authors, string.Join("、", c.Authors), c.Region.Prefecture, c.Region.City, c.Region.Ward,
            region?.Link.Url ?? "", org.Link.Url, CaseBody(c).Html, md.Sections.Select(s => new SectionVm(s.Id, s.Title)).ToList(), grid,
            c.Profile.Select(p => new ProfileRowVm(p.Key, p.Value)).ToList(), c.ProfileAsOf,
            c.Voices.Select(v => new VoiceVm(v.Speaker, v.Role, v.Text)).ToList(), c.Source,
            _graph.Related[c.Id].Select(Card).ToList(), prev is null ? [] : [Card(prev)], next is null ? [] : [Card(next)],
            filters, searchText, tax["elements"].Label, tax["pillars"].Label, tax["tags"].Label);
    }

    /// <summary>The case's values for each search facet (Pagefind filters); the search page lists the same values.</summary>
    public List<SearchFilterVm> SearchFilters(CaseStudy c)
    {
        var volume = _graph.VolumeOf(c);
        var region = _graph.RegionOf(c);
        var filters = new List<SearchFilterVm>();
        foreach (var e in c.Elements) filters.Add(new(SearchFacets.Elements, e.Display));
        foreach (var p in c.Pillars) filters.Add(new(SearchFacets.Pillars, p.Label));
        if (volume is not null) filters.Add(new(SearchFacets.Volume, volume.Title));
        filters.Add(new(SearchFacets.Organization, c.Organization));
        if (region is not null) filters.Add(new(SearchFacets.Region, region.Name));
        filters.Add(new(SearchFacets.Year, Wareki.FiscalYear(c.FiscalYear)));
        foreach (var t in c.Tags) filters.Add(new(SearchFacets.Tags, t.Label));
        return filters;
    }

    /// <summary>Facets of the search page: every value some case has, in the order of the site's lists.</summary>
    public List<SearchFacetVm> SearchFacetList()
    {
        var g = _graph;
        var tax = g.Content.Taxonomies;
        // Cases having each (facet, value) pair, counted once per case: one pass instead of a scan per value.
        var counts = new Dictionary<SearchFilterVm, int>();
        var seen = new HashSet<SearchFilterVm>();
        foreach (var c in g.Cases)
        {
            seen.Clear();
            foreach (var f in SearchFilters(c))
                if (seen.Add(f)) counts[f] = counts.GetValueOrDefault(f) + 1;
        }
        int Count(string name, string value) => counts.GetValueOrDefault(new SearchFilterVm(name, value));
        SearchFacetVm Facet(string name, string param, string label, string mode, IEnumerable<string> ordered)
        {
            var values = ordered.Distinct().Select(v => new SearchFacetValueVm(v, Count(name, v))).Where(v => v.Count > 0).ToList();
            return new SearchFacetVm(name, param, label, mode, values);
        }
        return
        [
            Facet(SearchFacets.Elements, "elements", tax["elements"].Label, "all", tax["elements"].Terms.Select(t => t.Display)),
            Facet(SearchFacets.Pillars, "pillars", tax["pillars"].Label, "all", tax["pillars"].Terms.Select(t => t.Label)),
            Facet(SearchFacets.Volume, "volume", _theme.T("volume"), "any", g.Volumes.Select(v => v.Title)),
            Facet(SearchFacets.Year, "year", _theme.T("fiscal_year"), "any",
                g.Cases.Select(c => c.FiscalYear).Distinct().OrderDescending().Select(Wareki.FiscalYear)),
            Facet(SearchFacets.Region, "region", _theme.T("region"), "any", g.Regions.Select(r => r.Name)),
            Facet(SearchFacets.Organization, "organization", _theme.T("organization"), "any", g.Organizations.Select(o => o.Name)),
            Facet(SearchFacets.Tags, "tags", tax["tags"].Label, "all",
                g.TaxonomyTerms["tags"].Select(t => t.Label).OrderByDescending(l => Count(SearchFacets.Tags, l)).ThenBy(l => l, StringComparer.Ordinal)),
        ];
    }

    public TaxonomyVm Taxonomy(string id)
    {
        var tax = _graph.Content.Taxonomies[id];
        var terms = _graph.TaxonomyTerms[id].Select(Term).ToList();
        var count = _graph.Cases.Count(c => c.AllTerms.Any(t => t.Taxonomy == id));
        return new TaxonomyVm(id, tax.Label, _graph.Links.Taxonomy(id).Url, terms, count, tax.Numbered);
    }

    public List<GlossaryEntryVm> Glossary(IEnumerable<GlossaryEntry> entries) =>
        entries.Select(e => new GlossaryEntryVm(e.Abbr, e.Expansion, e.Note, GlossaryAnchor(e.Abbr))).ToList();

    public static string GlossaryAnchor(string abbr) => "g-" + Permalinks.Slug(abbr);

    public VolumeVm Volume(Volume v)
    {
        var links = _graph.Links;
        var glossary = _graph.Content.Glossaries.Where(g => g.VolumeId == v.Id).ToList();
        var foreword = v.ForewordMarkdown.Length > 0 && v.ForewordPath is not null
            ? Markdown("volume:" + v.Id, v.ForewordMarkdown, v.ForewordPath, v.ForewordFirstLine).Html : "";
        var pages = _graph.Pages.Where(p => p.VolumeId == v.Id).Select(p => new LinkVm(p.Title, links.Page(p.Id).Url)).ToList();
        var cases = _graph.VolumeCases[v.Id];
        var baseUrl = links.Volume(v.Id).Url;
        return new VolumeVm(v.Id, v.Title, v.Subtitle, v.Publisher, v.FiscalYear, Wareki.FiscalYear(v.FiscalYear), v.NumberLabel,
            baseUrl, baseUrl + "print/", baseUrl + $"{v.Id}-cases.csv", baseUrl + $"{v.Id}-cases.json", PdfUrl(v), v.ForewordTitle, foreword,
            cases.Select(Card).ToList(), Glossary(glossary.SelectMany(g => g.Entries)), glossary.FirstOrDefault()?.Title ?? _theme.T("glossary"),
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
        var own = _graph.Content.Glossaries.Where(g => g.VolumeId == v.Id).SelectMany(g => g.Entries).ToList();
        var ownAbbrs = own.Select(e => e.Abbr).ToHashSet(StringComparer.Ordinal);
        var used = cases.SelectMany(c => CaseBody(c).Used).Select(t => t.Entry)
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
        return new PrintVolumeVm(vm, printCases, _graph.Settings.BasePath + "assets/css/print.css", foreword, glossary);
    }

    public LessonVm Lesson(Lesson l)
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

    public ContentPageVm Page(Page p)
    {
        var md = Markdown("page:" + p.Id, p.Markdown, p.SourcePath, p.BodyFirstLine);
        var v = p.VolumeId is null ? null : _graph.Volumes.FirstOrDefault(x => x.Id == p.VolumeId);
        return new ContentPageVm(p.Id, p.Title, p.Summary, _graph.Links.Page(p.Id).Url, md.Html,
            v is null ? [] : [new LinkVm(v.Title, _graph.Links.Volume(v.Id).Url)]);
    }

    /// <summary>Most recommended cases shown per checklist item; the item's term pages list the rest.</summary>
    public const int MaxRecommendations = 6;

    public ChecklistVm Checklist(Checklist cl)
    {
        var items = cl.Items.Select((it, i) =>
        {
            var termLinks = it.Terms.Select(t => new LinkVm(t.Display, _graph.Links.Term(t).Url)).ToList();
            return new ChecklistItemVm(i + 1, it.Id, it.Label, it.Guidance, it.Good, termLinks, Recommendations(it));
        }).ToList();
        var scale = cl.Scale.Select(s => new ScaleOptionVm(s.Id, s.Label,
            s.Score?.ToString(CultureInfo.InvariantCulture) ?? "", s.Score is not null, s.Description)).ToList();
        var levelLabel = cl.Level switch { "organization" => "組織", "individual" => "個人", "team" => "チーム", _ => cl.Level };
        var data = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = cl.Id, title = cl.Title, level = cl.Level, notes_label = cl.NotesLabel, base_path = _graph.Settings.BasePath,
            scale = cl.Scale.Select(s => new { id = s.Id, label = s.Label, score = s.Score }),
            items = items.Select(i => new { id = i.Id, label = i.Label, number = i.Number, good = i.Good,
                recommendations = i.Recommendations.Select(r => new { title = r.Title, url = r.Url, organization = r.Organization, why = r.Why }) }),
        }, Output.JsonExport.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        // UI strings for the script come from the theme's i18n file, never from the script itself.
        var strings = _theme.Strings.Where(kv => kv.Key.StartsWith("checklist_", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
        var stringsJson = System.Text.Json.JsonSerializer.Serialize(strings, Output.JsonExport.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        return new ChecklistVm(cl.Id, cl.Title, cl.Level, levelLabel, cl.Audience, cl.Description, cl.NotesLabel,
            _graph.Links.Checklist(cl.Id).Url, scale, items, data, scale.Where(s => s.Scored).ToList(), cl.Level == "team", stringsJson);
    }

    /// <summary>Cases carrying the item's terms, those matching more of its terms first (then in site order),
    /// each with a one-line reason naming the matching terms.</summary>
    private Dictionary<CaseStudy, int>? _siteOrder;

    private List<RecommendationVm> Recommendations(ChecklistItem item)
    {
        var matches = new Dictionary<CaseStudy, List<Term>>();
        var order = new List<CaseStudy>();
        foreach (var t in item.Terms)
        {
            if (!_graph.TermCases.TryGetValue(t, out var cases)) continue;
            foreach (var c in cases)
            {
                if (!matches.TryGetValue(c, out var terms)) { matches[c] = terms = new List<Term>(); order.Add(c); }
                if (!terms.Contains(t)) terms.Add(t);
            }
        }
        var siteOrder = _siteOrder ??= _graph.Cases.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return order.OrderByDescending(c => matches[c].Count).ThenBy(c => siteOrder.GetValueOrDefault(c, int.MaxValue))
            .Take(MaxRecommendations)
            .Select(c => new RecommendationVm(c.Title, _graph.Links.Case(c.Id).Url, c.Organization, Why(matches[c], c)))
            .ToList();
    }

    private string Why(List<Term> terms, CaseStudy c)
    {
        var named = string.Join("、", terms.GroupBy(t => t.Taxonomy).Select(g =>
            _graph.Content.Taxonomies[g.Key].Label + string.Concat(g.Select(t => $"「{t.Display}」"))));
        var gist = FirstSentence(c.Summary.Length > 0 ? c.Summary : c.Subtitle);
        return gist.Length > 0 ? $"{named}の実践例。{gist}" : $"{named}の実践例。";
    }

    private static string FirstSentence(string text)
    {
        text = text.Replace("\r", "").Replace("\n", "").Trim();
        var end = text.IndexOf('。');
        if (end >= 0) text = text[..(end + 1)];
        return text.Length > 80 ? text[..79] + "…" : text;
    }
}
