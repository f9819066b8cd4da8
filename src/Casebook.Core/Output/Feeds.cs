using System.Security;
using System.Text;
using Casebook.Core.Graph;
using Casebook.Core.Text;

namespace Casebook.Core.Output;

public static class Feeds
{
    private static string Absolute(SiteGraph g, string url) =>
        g.Settings.BaseUrl.Length > 0 ? g.Settings.BaseUrl + url[g.Settings.BasePath.Length..] : url;

    /// <summary>sitemap.xml: every HTML page of the site map that exists (<paramref name="exists"/>: the theme renders it)
    /// but the 404 page, in its order.</summary>
    public static string Sitemap(SiteGraph g, Func<SitePage, bool> exists) =>
        Sitemap(g, g.Map.Pages.Where(p => p.Kind != PageKind.NotFound && exists(p)).Select(p => p.Link.Url));

    private static string Sitemap(SiteGraph g, IEnumerable<string> pageUrls)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var url in pageUrls) sb.Append("  <url><loc>").Append(SecurityElement.Escape(Absolute(g, url))).Append("</loc></url>\n");
        sb.Append("</urlset>\n");
        return sb.ToString();
    }

    /// <summary>The newest cases (by fiscal year, then in the site's order): the feed carries
    /// <see cref="Model.SiteSettings.FeedEntries"/> of them, so it stays small however large the archive grows.</summary>
    public static List<Model.CaseStudy> Newest(SiteGraph g) =>
        g.Cases.Select((c, i) => (c, i)).OrderByDescending(x => x.c.FiscalYear).ThenBy(x => x.i)
            .Take(Math.Max(1, g.Settings.FeedEntries)).Select(x => x.c).ToList();

    /// <summary>Atom feed of the newest cases (<see cref="Newest"/>). Updated dates come from fiscal years so the
    /// output does not depend on the build time.</summary>
    public static string Atom(SiteGraph g)
    {
        var sb = new StringBuilder();
        string E(string s) => SecurityElement.Escape(s) ?? "";
        var newest = g.Cases.Count == 0 ? 2000 : g.Cases.Max(c => c.FiscalYear);
        var home = Absolute(g, g.Links.Home.Url);
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n");
        sb.Append("  <title>").Append(E(g.Settings.Title)).Append("</title>\n");
        if (g.Settings.Description.Length > 0) sb.Append("  <subtitle>").Append(E(g.Settings.Description)).Append("</subtitle>\n");
        sb.Append("  <id>").Append(E(FeedId(g, home))).Append("</id>\n");
        sb.Append("  <link rel=\"alternate\" type=\"text/html\" href=\"").Append(E(home)).Append("\"/>\n");
        sb.Append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").Append(E(Absolute(g, g.Links.Feed.Url))).Append("\"/>\n");
        sb.Append("  <updated>").Append(Updated(newest)).Append("</updated>\n");
        sb.Append("  <author><name>").Append(E(g.Settings.Author.Length > 0 ? g.Settings.Author : g.Settings.Title)).Append("</name></author>\n");
        foreach (var c in Newest(g))
        {
            var url = Absolute(g, g.Links.Case(c.Id).Url);
            sb.Append("  <entry>\n");
            sb.Append("    <title>").Append(E(c.Title)).Append("</title>\n");
            sb.Append("    <id>").Append(E(FeedId(g, url))).Append("</id>\n");
            sb.Append("    <link rel=\"alternate\" type=\"text/html\" href=\"").Append(E(url)).Append("\"/>\n");
            sb.Append("    <updated>").Append(Updated(c.FiscalYear)).Append("</updated>\n");
            foreach (var a in c.Authors.DefaultIfEmpty(c.Organization))
                sb.Append("    <author><name>").Append(E(a)).Append("</name></author>\n");
            var summary = string.Join(" ", new[] { c.Organization, Wareki.FiscalYear(c.FiscalYear), c.Summary.Length > 0 ? c.Summary : c.Subtitle }.Where(s => s.Length > 0));
            sb.Append("    <summary>").Append(E(summary)).Append("</summary>\n");
            // scheme must be an IRI: the taxonomy's page, when the site has an absolute base URL.
            foreach (var t in c.AllTerms)
            {
                var scheme = Absolute(g, g.Links.Taxonomy(t.Taxonomy).Url);
                sb.Append("    <category term=\"").Append(E(t.Label)).Append('"');
                if (scheme.StartsWith("http", StringComparison.Ordinal)) sb.Append(" scheme=\"").Append(E(scheme)).Append('"');
                sb.Append("/>\n");
            }
            sb.Append("  </entry>\n");
        }
        sb.Append("</feed>\n");
        return sb.ToString();
    }

    private static string Updated(int fiscalYear) => $"{fiscalYear:D4}-04-01T00:00:00Z";

    // Without an absolute base URL, use a tag: URI so ids stay valid and stable.
    private static string FeedId(SiteGraph g, string url) =>
        url.StartsWith("http", StringComparison.Ordinal) ? url : "tag:casebook.local,2000:" + url;
}
