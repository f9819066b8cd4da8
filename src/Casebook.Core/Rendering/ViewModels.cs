namespace Casebook.Core.Rendering.ViewModels;

// Plain view models: templates see these, never domain objects. Properties reach templates in
// snake_case (FiscalYearLabel → fiscal_year_label). Optional parts are empty lists rather than null,
// so templates also render under strict variables (`{% for p in model.previous %}`).

public sealed record LinkVm(string Label, string Url);

public sealed record NavItemVm(string Label, string Url, bool Current);

public sealed record SiteVm(
    string Title, string Description, string Base, string HomeUrl, string SearchUrl, string AssetsUrl,
    List<NavItemVm> Nav, string Lang, SiteUrlsVm Urls);

public sealed record PageMetaVm(
    string Title, string Description, string Url, string Canonical, string Kind, string Section,
    string JsonLd, string OgType, bool Index, List<LinkVm> Breadcrumbs, string PrevUrl = "", string NextUrl = "");

public sealed record TermVm(
    string Taxonomy, string Id, string Label, string Short, string Display, string Mark, int Number,
    string Description, string Url, int Count);

public sealed record CaseCardVm(
    string Id, string Title, string Subtitle, string Summary, string Url, string Organization,
    string Region, string FiscalYearLabel, int FiscalYear, string VolumeTitle, string VolumeUrl,
    int Number, List<TermVm> Elements, List<TermVm> Pillars, List<TermVm> Tags,
    string ElementsBasis, string PillarsBasis);   // "source" (printed in the casebook) or "editorial" (assigned by the site's editors)

public sealed record ProfileRowVm(string Label, string Value);

public sealed record VoiceVm(string Speaker, string Role, string Text);

public sealed record SectionVm(string Id, string Title);

public sealed record ElementMarkVm(TermVm Element, bool Shown);

public sealed record SearchFilterVm(string Name, string Value);

/// <summary>Pagefind filter names (data-pagefind-filter) of the case facets.</summary>
public static class SearchFacets
{
    public const string Elements = "要素", Pillars = "柱", Volume = "事例集", Organization = "組織", Region = "地域", Year = "年度", Tags = "テーマ";
}

public sealed record SearchFacetValueVm(string Value, int Count);

/// <summary>A facet on the search page. Mode "all": a result has every checked value (cases carry several);
/// "any": one of them (a case has one volume, year, region, organization). Param is the URL key.
/// <see cref="Values"/> may be the most common of <see cref="Total"/> values (the rest in search/facets.json).</summary>
public sealed record SearchFacetVm(string Filter, string Param, string Label, string Mode, List<SearchFacetValueVm> Values)
{
    public int Total { get; init; }
    public bool Partial => Total > Values.Count;
}

/// <summary>The search page: its facets, the site's variant groups for search.js (JSON), where the long facets' values are.</summary>
public sealed record SearchPageVm(string Title, List<SearchFacetVm> Facets, List<TaxonomyVm> Taxonomies, string PagefindUrl, string ScriptUrl)
{
    public string VariantsJson { get; init; } = "[]";
    public string FacetsUrl { get; init; } = "";
}

/// <summary>A case page: its card, body and everything around it.</summary>
public sealed record CaseVm
{
    public required CaseCardVm Card { get; init; }
    public required List<string> Authors { get; init; }
    public required string AuthorsText { get; init; }
    public required string RegionPrefecture { get; init; }
    public required string RegionCity { get; init; }
    public required string RegionWard { get; init; }
    public required string RegionUrl { get; init; }
    public required string OrganizationUrl { get; init; }
    public required string BodyHtml { get; init; }
    public required List<SectionVm> Sections { get; init; }
    public required List<ElementMarkVm> ElementGrid { get; init; }
    public required List<ProfileRowVm> Profile { get; init; }
    public required string ProfileAsOf { get; init; }
    public required List<VoiceVm> Voices { get; init; }
    public required string Source { get; init; }
    /// <summary>Related cases, and the previous and next case of the volume (lists of at most one).</summary>
    public required List<CaseCardVm> Related { get; init; }
    public required List<CaseCardVm> Previous { get; init; }
    public required List<CaseCardVm> Next { get; init; }
    public required List<SearchFilterVm> Filters { get; init; }
    /// <summary>The case's text for the search index, made when first read: a build without search never reads it.</summary>
    public string SearchText => SearchTextSource.Value;
    public required Lazy<string> SearchTextSource { private get; init; }
    public required string ElementsLabel { get; init; }
    public required string PillarsLabel { get; init; }
    public required string TagsLabel { get; init; }
}

public sealed record TaxonomyVm(string Id, string Label, string Url, List<TermVm> Terms, int CaseCount, bool Numbered);

public sealed record TermPageVm(TaxonomyVm Taxonomy, TermVm Term, List<CaseCardVm> Cases, PagerVm Pager);

public sealed record PersonVm(string Name, string Organization, string Role);

public sealed record GlossaryEntryVm(string Abbr, string Expansion, string Note, string Anchor);

public sealed record VolumeVm(
    string Id, string Title, string Subtitle, string Publisher, int FiscalYear, string FiscalYearLabel,
    string NumberLabel, string Url, string PrintUrl, string CsvUrl, string JsonUrl, string PdfUrl, string ForewordTitle, string ForewordHtml,
    List<CaseCardVm> Cases, List<GlossaryEntryVm> Glossary, string GlossaryTitle, List<PersonVm> Contributors,
    List<string> ColophonLines, List<LinkVm> Pages, int CaseCount);

public sealed record PrintCaseVm(CaseVm Case, string Anchor, string BodyHtml);

/// <summary>The print edition: the glossary holds the volume's entries plus the site-wide ones its cases use.
/// Subject and keywords (the elements and themes of its cases) become the PDF's document information.</summary>
public sealed record PrintVolumeVm(VolumeVm Volume, List<PrintCaseVm> Cases, string CssUrl, string PageCssUrl, string ForewordHtml,
    List<GlossaryEntryVm> Glossary, string Subject, string Keywords);

public sealed record VolumeYearVm(string FiscalYearLabel, List<VolumeVm> Volumes);

public sealed record GroupVm(string Name, string Url, int Count, List<CaseCardVm> Cases);

public sealed record MatrixRowVm(CaseCardVm Case, List<bool> Marks);

public sealed record MatrixGroupVm(string Title, string Url, List<MatrixRowVm> Rows);

/// <summary>The site-wide overview (<see cref="Overview"/>: counts per element for each volume and year) or one
/// volume's or year's full ✔ grid (<see cref="Groups"/>).</summary>
public sealed record MatrixVm(List<TermVm> Elements, List<MatrixGroupVm> Groups, List<int> Totals,
    string Title, string Lead, List<MatrixOverviewRowVm> Overview, List<LinkVm> Up, int CaseCount);

public sealed record LessonItemVm(int Number, string Title, string Subtitle, string TextHtml, List<LinkVm> Cases);

public sealed record LessonBlockVm(string Type, string Title, string Anchor, List<LessonItemVm> Items);

public sealed record LessonVm(string Id, string Title, string Summary, string Url, string Source, string BodyHtml,
    List<LessonBlockVm> Blocks, List<CaseCardVm> Related);

public sealed record ContentPageVm(string Id, string Title, string Summary, string Url, string BodyHtml, List<LinkVm> Volume);

public sealed record ScaleOptionVm(string Id, string Label, string Score, bool Scored, string Description);

/// <summary>A case to read for a checklist item, with one line on why it is relevant.</summary>
public sealed record RecommendationVm(string Title, string Url, string Organization, string Why);

public sealed record ChecklistItemVm(int Number, string Id, string Label, string Guidance, string Good,
    List<LinkVm> Terms, List<RecommendationVm> Recommendations);

/// <summary>A self-check page. DataJson and StringsJson feed the browser script (checklist.js); everything
/// else is rendered server-side so the form and the reading list work without JavaScript.</summary>
public sealed record ChecklistVm(string Id, string Title, string Level, string LevelLabel, string Audience, string Description,
    string NotesLabel, string Url, List<ScaleOptionVm> Scale, List<ChecklistItemVm> Items, string DataJson,
    List<ScaleOptionVm> Targets, bool IsTeam, string StringsJson);

public sealed record HomeVm(List<VolumeVm> Volumes, List<CaseCardVm> Latest, List<LessonVm> Lessons, List<ChecklistVm> Checklists,
    List<TaxonomyVm> Taxonomies, int CaseCount, List<ContentPageVm> Pages);

public sealed record ListVm(string Title, string Lead, List<CaseCardVm> Cases, List<GroupVm> Groups,
    List<LessonVm> Lessons, List<ChecklistVm> Checklists, List<GlossaryEntryVm> Glossary, List<TaxonomyVm> Taxonomies,
    List<VolumeYearVm> Years, List<ContentPageVm> Pages, PagerVm Pager);

/// <summary>The reader's マイタグ page (/my/). It is filled in the browser from localStorage; DataJson tells the
/// script where the site's title shards are and who the site is (written into exports), StringsJson holds
/// the theme's <c>mytags_</c> strings.</summary>
public sealed record MyTagsPageVm(string Title, string DataJson, string StringsJson);
