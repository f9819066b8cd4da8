using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Rendering;

/// <summary>Search facets: the values each case is filtered by (Pagefind filters on its page) and the facets the
/// search page offers, with how many cases have each value.</summary>
public sealed class SearchFacetModels(SiteGraph graph, Theme theme)
{
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

    /// <summary>Facets of the search page: every value some case has, in the order of the site's lists.</summary>
    public List<SearchFacetVm> Facets()
    {
        var g = graph;
        var tax = g.Content.Taxonomies;
        // Cases having each (facet, value) pair, counted once per case, in one pass over the cases.
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
            return new SearchFacetVm(name, param, label, mode, values);
        }
        return
        [
            Facet(SearchFacets.Elements, TaxonomyIds.Elements, tax[TaxonomyIds.Elements].Label, "all", tax[TaxonomyIds.Elements].Terms.Select(t => t.Display)),
            Facet(SearchFacets.Pillars, TaxonomyIds.Pillars, tax[TaxonomyIds.Pillars].Label, "all", tax[TaxonomyIds.Pillars].Terms.Select(t => t.Label)),
            Facet(SearchFacets.Volume, "volume", theme.T("volume"), "any", g.Volumes.Select(v => v.Title)),
            Facet(SearchFacets.Year, "year", theme.T("fiscal_year"), "any",
                g.Cases.Select(c => c.FiscalYear).Distinct().OrderDescending().Select(Wareki.FiscalYear)),
            Facet(SearchFacets.Region, "region", theme.T("region"), "any", g.Regions.Select(r => r.Name)),
            Facet(SearchFacets.Organization, "organization", theme.T("organization"), "any", g.Organizations.Select(o => o.Name)),
            Facet(SearchFacets.Tags, TaxonomyIds.Tags, tax[TaxonomyIds.Tags].Label, "all",
                g.TaxonomyTerms[TaxonomyIds.Tags].Select(t => t.Label).OrderByDescending(l => Count(SearchFacets.Tags, l)).ThenBy(l => l, StringComparer.Ordinal)),
        ];
    }
}
