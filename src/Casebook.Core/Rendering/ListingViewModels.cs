namespace Casebook.Core.Rendering.ViewModels;

/// <summary>Links to the site's sections, from the site map, so templates write no URL of their own.</summary>
public sealed record SiteUrlsVm(string Cases, string Volumes, string Elements, string Pillars, string Tags, string Matrix,
    string Organizations, string Regions, string Checklists, string Lessons, string Glossary, string Feed, string My);

/// <summary>Page links of a paginated listing. <see cref="Links"/> is a window around the current page plus the first
/// and last; <see cref="PagerLinkVm.Gap"/> marks an ellipsis. Pages 1 means a listing of one page (no navigation). (Not named Count: a theme
/// showing `.count` on case or term pages gets every such page redone on a term edit.)</summary>
public sealed record PagerVm(int Number, int Pages, int Total, int FirstItem, int LastItem, string PrevUrl, string NextUrl,
    List<PagerLinkVm> Links)
{
    public static readonly PagerVm None = new(1, 1, 0, 0, 0, "", "", []);
}

public sealed record PagerLinkVm(int Number, string Url, bool Current, bool Gap);

/// <summary>A row of the matrix overview: a volume (or the cases of a year outside volumes) with the number of its cases
/// showing each element; <see cref="Url"/> is its full ✔ grid.</summary>
public sealed record MatrixOverviewRowVm(string Title, string Url, string FiscalYearLabel, int CaseCount, List<int> Counts);
