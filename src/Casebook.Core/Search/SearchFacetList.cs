using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Search;

/// <summary>
/// The search page's facets: each case's values (its Pagefind filters) and, for the page, every value with the number
/// of cases having it. A long facet (organizations, regions, themes, volumes of a large site) shows only its
/// <see cref="Shown"/> most common values on the page; the rest come from <c>search/facets.json</c> when the reader
/// asks for them, so the page stays small whatever the size of the site.
/// </summary>
/// <remarks>Without a theme (the export of search/facets.json) the facets have no labels.</remarks>
public sealed class SearchFacetList(SiteGraph graph, Theme? theme)
{
    private string T(string key) => theme?.T(key) ?? "";

    /// <summary>Values shown on the page for a long facet; a facet with up to <see cref="ShortFacet"/> values shows all.</summary>
    public const int Shown = 8, ShortFacet = 12;

    public const string JsonPath = SiteFiles.SearchFacets;

    /// <summary>The case's values for each search facet (Pagefind filters); the search page lists the same values.</summary>
    public List<SearchFilterVm> Filters(CaseStudy c)
    {
        var volume = graph.VolumeOf(c);
        var region = graph.RegionOf(c);
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

    /// <summary>Every facet with every value some case has, in the order of the site's lists (themes by count).</summary>
    public List<SearchFacetVm> All()
    {
        var g = graph;
        var tax = g.Content.Taxonomies;
        // Cases having each (facet, value) pair, counted once per case in one pass over the cases (a scan per value would be quadratic in a large site).
        var counts = new Dictionary<SearchFilterVm, int>();
        var seen = new HashSet<SearchFilterVm>();
        foreach (var c in g.Cases)
        {
            seen.Clear();
            foreach (var f in Filters(c))
                if (seen.Add(f)) counts[f] = counts.GetValueOrDefault(f) + 1;
        }
        int Count(string name, string value) => counts.GetValueOrDefault(new SearchFilterVm(name, value));
        SearchFacetVm Facet(string name, string param, string label, string mode, IEnumerable<string> ordered)
        {
            var values = ordered.Distinct().Select(v => new SearchFacetValueVm(v, Count(name, v))).Where(v => v.Count > 0).ToList();
            return new SearchFacetVm(name, param, label, mode, values) { Total = values.Count };
        }
        return
        [
            Facet(SearchFacets.Elements, TaxonomyIds.Elements, tax[TaxonomyIds.Elements].Label, "all", tax[TaxonomyIds.Elements].Terms.Select(t => t.Display)),
            Facet(SearchFacets.Pillars, TaxonomyIds.Pillars, tax[TaxonomyIds.Pillars].Label, "all", tax[TaxonomyIds.Pillars].Terms.Select(t => t.Label)),
            Facet(SearchFacets.Volume, "volume", T("volume"), "any", g.Volumes.Select(v => v.Title)),
            Facet(SearchFacets.Year, "year", T("fiscal_year"), "any",
                g.Cases.Select(c => c.FiscalYear).Distinct().OrderDescending().Select(Wareki.FiscalYear)),
            Facet(SearchFacets.Region, "region", T("region"), "any", g.Regions.Select(r => r.Name)),
            Facet(SearchFacets.Organization, "organization", T("organization"), "any", g.Organizations.Select(o => o.Name)),
            Facet(SearchFacets.Tags, TaxonomyIds.Tags, tax[TaxonomyIds.Tags].Label, "all",
                g.TaxonomyTerms[TaxonomyIds.Tags].Select(t => t.Label).OrderByDescending(l => Count(SearchFacets.Tags, l)).ThenBy(l => l, StringComparer.Ordinal)),
        ];
    }

    /// <summary>The facets as the page shows them: a long facet keeps its most common values (ties in list order).</summary>
    public static List<SearchFacetVm> ForPage(List<SearchFacetVm> all) =>
        all.Select(f => f.Values.Count <= ShortFacet ? f
            : f with { Values = f.Values.Select((v, i) => (v, i)).OrderByDescending(x => x.v.Count).ThenBy(x => x.i).Take(Shown).Select(x => x.v).ToList() })
        .ToList();

    /// <summary>search/facets.json: every value of each long facet with its count, in list order,
    /// <c>{"organization":[["甲市社会福祉協議会",12],…],…}</c>.</summary>
    public static string Json(List<SearchFacetVm> all)
    {
        var data = new SortedDictionary<string, object[][]>(StringComparer.Ordinal);
        foreach (var f in all.Where(f => f.Values.Count > ShortFacet))
            data[f.Param] = f.Values.Select(v => new object[] { v.Value, v.Count }).ToArray();
        return JsonSerializer.Serialize(data, SearchRecords.Json);
    }

    /// <summary>The search page's model.</summary>
    public SearchPageVm Page(IReadOnlyList<TaxonomyVm> taxonomies)
    {
        var basePath = graph.Settings.BasePath;
        return new SearchPageVm(T("search"), ForPage(All()), taxonomies.ToList(), basePath + "pagefind/pagefind.js",
            basePath + "assets/js/search.js")
        {
            VariantsJson = SearchVariantSources.For(graph.Content).ToJson(),
            FacetsUrl = basePath + JsonPath,
        };
    }
}
