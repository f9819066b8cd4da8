using Casebook.Core.Model;

namespace Casebook.Core.Graph;

public enum PageKind
{
    Home, CaseList, Case, Taxonomy, Term, Volumes, Volume, VolumeGrid, Print, Organizations, Organization, Regions, Region,
    Matrix, YearGrid, Lessons, Lesson, ContentPage, Checklists, Checklist, Glossary, Search, My, NotFound,
}

/// <summary>What a page reads from the whole site beyond the cases it lists (<see cref="SitePage.CaseIds"/>).</summary>
[Flags]
public enum PageInputs
{
    None = 0,
    /// <summary>Counts or orders every case's classification: terms, organization, region, volume, fiscal year
    /// (home, taxonomy and group indexes, the matrix overview, the search page).</summary>
    Classification = 1,
    /// <summary>Chooses among all cases by their terms (a self-check's reading list): any front-matter edit may change it.</summary>
    AnyCase = 2,
    /// <summary>Counts cases by volume, fiscal year, organization or region only (the volume archive, the indexes of
    /// organizations and regions): an edit of a case's terms leaves it as it was.</summary>
    Places = 4,
}

/// <summary>Page <see cref="Number"/> of <see cref="Count"/> of a listing of <see cref="Total"/> cases whose first page is <see cref="First"/>.</summary>
public sealed record Pager(int Number, int Count, int Total, int PageSize, Permalink First)
{
    public Permalink Link(int number) => Permalinks.Paged(First, number);
    public Permalink? Previous => Number > 1 ? Link(Number - 1) : null;
    public Permalink? Next => Number < Count ? Link(Number + 1) : null;
    public int FirstItem => Total == 0 ? 0 : (Number - 1) * PageSize + 1;
    public int LastItem => Math.Min(Total, Number * PageSize);
}

/// <summary>One page of the site as data: what it is, where it lives, which layout renders it and what it shows.
/// <see cref="CaseIds"/> (the cases whose card, row or link the page shows, in order), <see cref="Signature"/> (the other
/// values it takes from the graph: numbering, neighbours, page counts) and <see cref="Inputs"/> are its recorded
/// dependencies: serve re-renders a page when one of them changed (<see cref="Incremental.IncrementalSite"/>).</summary>
public sealed record SitePage(PageKind Kind, Permalink Link, string Layout, string SourcePath)
{
    /// <summary>The case, volume, taxonomy, organization, region, lesson, page or checklist the page is about.</summary>
    public string Key { get; init; } = "";
    public Term? Term { get; init; }
    public int Year { get; init; }
    public Pager? Pager { get; init; }
    public IReadOnlyList<string> CaseIds { get; init; } = [];
    public string Signature { get; init; } = "";
    public PageInputs Inputs { get; init; }
}

public enum ExportKind { CasesJson, CasesCsv, VolumeJson, VolumeCsv, SearchFacets, Feed, SiteMap, Robots, ReaderTags, TitleShard, PrintPageCss }

/// <summary>A data file of the site: site-wide exports, a volume's own exports, the feed, the sitemap.</summary>
public sealed record ExportFile(ExportKind Kind, Permalink Link, string VolumeId = "", int Shard = 0);

/// <summary>Every page and file of the published site, in a stable order (the sitemap's).</summary>
public sealed class SiteMap
{
    public required IReadOnlyList<SitePage> Pages { get; init; }
    public required IReadOnlyList<ExportFile> Exports { get; init; }

    private Dictionary<string, SitePage>? _byFile;

    /// <summary>The page written to <paramref name="file"/> (a site-relative path such as "cases/x/index.html").</summary>
    public SitePage? PageAt(string file) =>
        (_byFile ??= Pages.GroupBy(p => p.Link.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))
        .GetValueOrDefault(file);

    public IEnumerable<SitePage> OfKind(PageKind kind) => Pages.Where(p => p.Kind == kind);

    public SiteMap Freeze()
    {
        _ = PageAt("");
        return this;
    }
}
