using System.Globalization;
using Casebook.Core.Model;

namespace Casebook.Core.Graph;

/// <summary>Lists every page of the site from the graph: listings cut into pages of <see cref="SiteSettings.PageSize"/>
/// cases, each page with the cases and values it shows.</summary>
public static class SiteMapBuilder
{
    public static readonly IReadOnlyList<string> Taxonomies = TaxonomyIds.All;

    public static SiteMap Build(SiteGraph g)
    {
        var L = g.Links;
        var size = Math.Max(1, g.Settings.PageSize);
        var pages = new List<SitePage>(g.Cases.Count * 2);
        static IReadOnlyList<string> Ids(IEnumerable<CaseStudy> cases) => cases.Select(c => c.Id).ToArray();

        pages.Add(new(PageKind.Home, L.Home, "home", "casebook.yml")
            { CaseIds = Ids(g.Cases.Take(6)), Inputs = PageInputs.Classification });

        Listing(pages, PageKind.CaseList, L.Cases, "list", "", g.Cases, size, "cases", null);
        foreach (var c in g.Cases)
        {
            var prev = g.Previous(c);
            var next = g.Next(c);
            var shown = new List<string>(8) { c.Id };
            shown.AddRange(g.Related[c.Id].Select(r => r.Id));
            if (prev is not null) shown.Add(prev.Id);
            if (next is not null) shown.Add(next.Id);
            pages.Add(new(PageKind.Case, L.Case(c.Id), "case", c.SourcePath)
            {
                Key = c.Id, CaseIds = shown,
                Signature = string.Create(CultureInfo.InvariantCulture, $"{g.CaseNumber(c)}|{prev?.Id}|{next?.Id}"),
            });
        }

        foreach (var taxId in Taxonomies)
        {
            pages.Add(new(PageKind.Taxonomy, L.Taxonomy(taxId), "taxonomy", "casebook.yml") { Key = taxId, Inputs = PageInputs.Classification });
            foreach (var term in g.TaxonomyTerms[taxId])
                Listing(pages, PageKind.Term, L.Term(term), "term", "casebook.yml", g.TermCases.GetValueOrDefault(term) ?? [], size, taxId, term);
        }

        pages.Add(new(PageKind.Volumes, L.Volumes, "volumes", "casebook.yml") { Inputs = PageInputs.Classification });
        foreach (var v in g.Volumes)
        {
            var ids = Ids(g.VolumeCases[v.Id]);
            pages.Add(new(PageKind.Volume, L.Volume(v.Id), "volume", v.ForewordPath ?? "casebook.yml") { Key = v.Id, CaseIds = ids });
            pages.Add(new(PageKind.VolumeGrid, L.VolumeGrid(v.Id), "matrix", "casebook.yml") { Key = v.Id, CaseIds = ids });
            pages.Add(new(PageKind.Print, L.Print(v.Id), "print", "casebook.yml") { Key = v.Id, CaseIds = ids });
        }

        GroupIndex(pages, PageKind.Organizations, L.Section("organizations"), g.Organizations.Count, size * GroupsPerCase);
        foreach (var o in g.Organizations) Listing(pages, PageKind.Organization, o.Link, "list", "", o.Cases, size, o.Name, null);
        GroupIndex(pages, PageKind.Regions, L.Section("regions"), g.Regions.Count, size * GroupsPerCase);
        foreach (var r in g.Regions) Listing(pages, PageKind.Region, r.Link, "list", "", r.Cases, size, r.Name, null);

        pages.Add(new(PageKind.Matrix, L.Matrix, "matrix", "") { Inputs = PageInputs.Classification });
        foreach (var (year, cases) in LooseCasesByYear(g))
            pages.Add(new(PageKind.YearGrid, L.YearGrid(year), "matrix", "") { Year = year, CaseIds = Ids(cases) });

        pages.Add(new(PageKind.Lessons, L.Section("lessons"), "list", ""));
        foreach (var l in g.Lessons)
        {
            var refs = l.RelatedCaseRefs.Concat(l.Blocks.SelectMany(b => b.Items).SelectMany(i => i.CaseRefs))
                .Select(r => r.Raw).Where(g.CasesById.ContainsKey).ToArray();
            pages.Add(new(PageKind.Lesson, L.Lesson(l.Id), "lesson", l.SourcePath) { Key = l.Id, CaseIds = refs });
        }
        foreach (var p in g.Pages) pages.Add(new(PageKind.ContentPage, L.Page(p.Id), "page", p.SourcePath) { Key = p.Id });
        pages.Add(new(PageKind.Checklists, L.Section("checklists"), "list", ""));
        foreach (var cl in g.Checklists)
            pages.Add(new(PageKind.Checklist, L.Checklist(cl.Id), "checklist", cl.SourcePath) { Key = cl.Id, Inputs = PageInputs.AnyCase });
        pages.Add(new(PageKind.Glossary, L.Glossary, "list", ""));
        pages.Add(new(PageKind.Search, L.Search, "search", "") { Inputs = PageInputs.Classification });
        // Filled in the browser from the reader's own tags; the title shards it reads are exports below.
        pages.Add(new(PageKind.My, L.My, SiteFiles.MyLayout, ""));
        pages.Add(new(PageKind.NotFound, L.NotFound, "404", ""));

        var exports = new List<ExportFile> { new(ExportKind.CasesJson, L.CasesJson), new(ExportKind.CasesCsv, L.CasesCsv) };
        foreach (var v in g.Volumes)
        {
            exports.Add(new(ExportKind.VolumeJson, L.VolumeExport(v.Id, "json"), v.Id));
            exports.Add(new(ExportKind.VolumeCsv, L.VolumeExport(v.Id, "csv"), v.Id));
        }
        exports.Add(new(ExportKind.SearchFacets, L.File(SiteFiles.SearchFacets)));
        exports.Add(new(ExportKind.Feed, L.Feed));
        exports.Add(new(ExportKind.SiteMap, L.SiteMapFile));
        exports.Add(new(ExportKind.Robots, L.Robots));
        exports.Add(new(ExportKind.ReaderTags, L.File(SiteFiles.ReaderTags)));
        var shards = SiteFiles.TitleShardCount(g.Cases.Count);
        for (var n = 0; n < shards; n++)
            exports.Add(new(ExportKind.TitleShard, L.File($"{SiteFiles.TitlesFolder}{n}.json"), Shard: n));
        exports.Add(new(ExportKind.PrintPageCss, L.File(SiteFiles.PrintPageCss)));
        return new SiteMap { Pages = pages, Exports = exports }.Freeze();
    }

    /// <summary>Cases outside any volume, by fiscal year, newest first: each year has its own ✔ grid.</summary>
    public static IEnumerable<(int Year, List<CaseStudy> Cases)> LooseCasesByYear(SiteGraph g) =>
        g.Cases.Where(c => g.VolumeOf(c) is null).GroupBy(c => c.FiscalYear).OrderByDescending(x => x.Key).Select(x => (x.Key, x.ToList()));

    /// <summary>An index of organizations or regions lists this many names per case a listing shows (a name and its count
    /// is a tenth of a card's size), so its pages stay as small as a case listing's.</summary>
    public const int GroupsPerCase = 10;

    /// <summary>The index of organizations or regions, cut into pages of <paramref name="size"/> names. Every page counts
    /// cases by group, so any change of a case's classification redraws them all (they are few).</summary>
    private static void GroupIndex(List<SitePage> pages, PageKind kind, Permalink first, int groups, int size)
    {
        var count = Math.Max(1, (groups + size - 1) / size);
        for (var n = 1; n <= count; n++)
        {
            var pager = new Pager(n, count, groups, size, first);
            pages.Add(new(kind, pager.Link(n), "list", "")
            {
                Pager = pager, Inputs = PageInputs.Classification,
                Signature = string.Create(CultureInfo.InvariantCulture, $"{n}/{count}/{groups}"),
            });
        }
    }

    /// <summary>A listing of <paramref name="cases"/> cut into pages; page 1 keeps <paramref name="first"/>'s URL.
    /// A page's signature holds what it shows about the whole listing (its number, the page count, the total on page 1),
    /// so a case added to or removed from the listing re-renders page 1 and the pages whose slice moved, not the others.</summary>
    private static void Listing(List<SitePage> pages, PageKind kind, Permalink first, string layout, string source,
        List<CaseStudy> cases, int size, string key, Term? term)
    {
        var count = Math.Max(1, (cases.Count + size - 1) / size);
        for (var n = 1; n <= count; n++)
        {
            var pager = new Pager(n, count, cases.Count, size, first);
            var slice = cases.Skip((n - 1) * size).Take(size).Select(c => c.Id).ToArray();
            pages.Add(new(kind, pager.Link(n), layout, source)
            {
                Key = key, Term = term, Pager = pager, CaseIds = slice,
                Signature = n == 1 ? string.Create(CultureInfo.InvariantCulture, $"{n}/{count}/{cases.Count}")
                    : string.Create(CultureInfo.InvariantCulture, $"{n}/{count}"),
            });
        }
    }
}
