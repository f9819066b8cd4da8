using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Rendering;

/// <summary>View models of the bounded listings: page navigation, the matrix overview and the per-volume ✔ grids.</summary>
public sealed class ListingModels(SiteGraph graph, Theme theme, ViewModelFactory vm)
{
    /// <summary>Pages on each side of the current one in the page links; the first and last are always linked.</summary>
    private const int Window = 2;

    public PagerVm Pager(SitePage page)
    {
        if (page.Pager is not { Count: > 1 } p) return page.Pager is { } one ? PagerVm.None with { Total = one.Total, FirstItem = one.FirstItem, LastItem = one.LastItem } : PagerVm.None;
        var links = new List<PagerLinkVm>();
        var from = Math.Max(1, p.Number - Window);
        var to = Math.Min(p.Count, p.Number + Window);
        if (from > 1) links.Add(Link(p, 1));
        if (from > 2) links.Add(new PagerLinkVm(0, "", false, true));
        for (var n = from; n <= to; n++) links.Add(Link(p, n));
        if (to < p.Count - 1) links.Add(new PagerLinkVm(0, "", false, true));
        if (to < p.Count) links.Add(Link(p, p.Count));
        return new PagerVm(p.Number, p.Count, p.Total, p.FirstItem, p.LastItem, p.Previous?.Url ?? "", p.Next?.Url ?? "", links);
    }

    private static PagerLinkVm Link(Pager p, int n) => new(n, p.Link(n).Url, n == p.Number, false);

    private List<TermVm> Elements => graph.Content.Taxonomies[TaxonomyIds.Elements].Terms.Select(vm.Term).ToList();

    /// <summary>The site-wide matrix: for each volume (and the cases of each year outside volumes) how many cases show
    /// each element, linking to that group's full grid. It grows with the number of volumes, not of cases.</summary>
    public MatrixVm Overview()
    {
        var elements = graph.Content.Taxonomies[TaxonomyIds.Elements].Terms;
        MatrixOverviewRowVm Row(string title, Permalink grid, int year, List<CaseStudy> cases) =>
            new(title, grid.Url, Wareki.FiscalYear(year), cases.Count, elements.Select(e => cases.Count(c => c.Elements.Contains(e))).ToList());
        var rows = graph.Volumes.Select(v => Row(v.Title, graph.Links.VolumeGrid(v.Id), v.FiscalYear, graph.VolumeCases[v.Id])).ToList();
        foreach (var (year, cases) in SiteMapBuilder.LooseCasesByYear(graph))
            rows.Add(Row(string.Format(System.Globalization.CultureInfo.InvariantCulture, theme.T("matrix_year_row"), Wareki.FiscalYear(year)),
                graph.Links.YearGrid(year), year, cases));
        var totals = elements.Select(e => graph.TermCases.TryGetValue(e, out var l) ? l.Count : 0).ToList();
        return new MatrixVm(Elements, [], totals, theme.T("matrix_title"), theme.T("matrix_overview_lead"), rows, [], graph.Cases.Count);
    }

    /// <summary>The full ✔ grid of one volume (or of one year's cases outside volumes).</summary>
    public MatrixVm Grid(string title, string groupTitle, Permalink? groupLink, List<CaseStudy> cases)
    {
        var elements = graph.Content.Taxonomies[TaxonomyIds.Elements].Terms;
        var rows = cases.Select(c => new MatrixRowVm(vm.Card(c), elements.Select(e => c.Elements.Contains(e)).ToList())).ToList();
        var totals = elements.Select(e => cases.Count(c => c.Elements.Contains(e))).ToList();
        var up = new List<LinkVm> { new(theme.T("matrix_title"), graph.Links.Matrix.Url) };
        return new MatrixVm(Elements, [new MatrixGroupVm(groupTitle, groupLink?.Url ?? "", rows)], totals, title, theme.T("matrix_lead"), [], up, cases.Count);
    }
}
