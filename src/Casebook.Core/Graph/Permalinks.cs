using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Graph;

/// <summary>A page's place: <see cref="Path"/> is the site-relative folder ("cases/x/"),
/// <see cref="Url"/> the same with the base path and each segment percent-encoded.</summary>
public sealed record Permalink(string Path, string Url)
{
    public string File => Path.EndsWith('/') || Path.Length == 0 ? Path + "index.html" : Path;
}

public sealed class Permalinks(string basePath)
{
    public string BasePath { get; } = basePath;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, string, string?, string?), Permalink> _cache = new();

    /// <summary>Pages are linked from many places; each permalink (of up to three segments) is computed once.</summary>
    public Permalink For(params string[] segments)
    {
        if (segments.Length is 0 or > 3) return Compute(segments);
        var key = (segments.Length, segments[0], segments.Length > 1 ? segments[1] : null, segments.Length > 2 ? segments[2] : null);
        return _cache.TryGetValue(key, out var link) ? link : _cache.GetOrAdd(key, _ => Compute(segments));
    }

    private Permalink Compute(string[] segments)
    {
        var path = string.Concat(segments.Select(s => Slug(s) + "/"));
        var url = BasePath + string.Concat(segments.Select(s => Uri.EscapeDataString(Slug(s)) + "/"));
        return new Permalink(path, url);
    }

    public Permalink File(string relativePath) =>
        new(relativePath, BasePath + string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString)));

    // The site's URL scheme, in one place (docs/pages.md lists it); the site map and everything else ask here.
    public Permalink Home => new("", BasePath);
    public Permalink Section(string section) => For(section);
    public Permalink Cases => For("cases");
    public Permalink Case(string id) => For("cases", id);
    public Permalink Volumes => For("volumes");
    public Permalink Volume(string id) => For("volumes", id);
    public Permalink Print(string volumeId) => For("volumes", volumeId, "print");
    /// <summary>The volume's full elements × cases grid (the site-wide matrix is an overview linking here).</summary>
    public Permalink VolumeGrid(string volumeId) => For("volumes", volumeId, "matrix");
    /// <summary>The grid of the cases of one fiscal year that belong to no volume.</summary>
    public Permalink YearGrid(int fiscalYear) => For("matrix", fiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public Permalink VolumeExport(string volumeId, string extension) => File(Volume(volumeId).Path + volumeId + "-cases." + extension);
    public Permalink Term(Term t) => For(t.Taxonomy, t.Id);
    public Permalink Taxonomy(string id) => For(id);
    public Permalink Organization(string name) => For("organizations", name);
    public Permalink Region(string name) => For("regions", name);
    public Permalink Lesson(string id) => For("lessons", id);
    public Permalink Page(string id) => For("pages", id);
    public Permalink Checklist(string id) => For("checklists", id);
    public Permalink Glossary => For("glossary");
    public Permalink Matrix => For("matrix");
    public Permalink Search => For("search");
    /// <summary>The reader's マイタグ page, filled in the browser.</summary>
    public Permalink My => For("my");
    public Permalink NotFound => File("404.html");
    public Permalink Feed => File("feed.xml");
    public Permalink SiteMapFile => File("sitemap.xml");
    public Permalink CasesJson => File("data/cases.json");
    public Permalink CasesCsv => File("data/cases.csv");
    public Permalink Robots => File("robots.txt");

    /// <summary>Page <paramref name="number"/> of a listing whose first page is <paramref name="first"/>:
    /// page 1 keeps the listing's own URL, later pages are ".../page/N/".</summary>
    public static Permalink Paged(Permalink first, int number)
    {
        if (number <= 1) return first;
        var n = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Permalink(first.Path + "page/" + n + "/", first.Url + "page/" + n + "/");
    }

    /// <summary>A safe folder name (<see cref="FolderName.Slug"/>).</summary>
    public static string Slug(string s) => FolderName.Slug(s);
}
