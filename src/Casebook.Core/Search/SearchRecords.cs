using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Casebook.Core.Graph;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.ViewModels;

namespace Casebook.Core.Search;

/// <summary>One page as the search index sees it: Pagefind's custom record (url, content, meta, filters, sort).
/// Content is already in the index's own form (<see cref="SearchText"/>).</summary>
public sealed record SearchRecord(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("meta")] Dictionary<string, string> Meta,
    [property: JsonPropertyName("filters")] Dictionary<string, List<string>> Filters,
    [property: JsonPropertyName("sort")] Dictionary<string, string> Sort)
{
    [JsonPropertyName("language")] public string Language => PagefindIndexer.IndexLanguage;
}

/// <summary>
/// What the search index holds, built from the view models the pages are rendered from: cases, lessons, free
/// pages and volume forewords (listings are not indexed). Each record carries the metadata a result shows
/// (title, kind, organization, volume, fiscal year), the case facets as filters, the fiscal year as the sort key,
/// and the text: title, summary, terms, voices, body … split into tokens. Pagefind gets these records instead
/// of crawling the written site, so pages need no hidden copy of their text and listings are never parsed.
/// </summary>
public static partial class SearchRecords
{
    public static readonly JsonSerializerOptions Json = new(Output.JsonExport.Options) { WriteIndented = false };

    /// <summary>Records in URL order (a stable order makes a stable index), made in parallel and handed out as
    /// they are ready, so Pagefind can take the first while the rest are made. The Markdown they need is cached in
    /// <paramref name="vm"/>, so the pages rendered afterwards reuse it. <paramref name="done"/> runs after the last.</summary>
    public static IEnumerable<SearchRecord> For(SiteGraph g, ViewModelFactory vm, Theme theme, Action? done = null)
    {
        var variants = SearchVariantSources.For(g.Content);
        var records = new List<(string Path, Func<SearchRecord> Make)>();
        foreach (var c in g.Cases) records.Add((g.Links.Case(c.Id).Path, () => Case(g, vm.Case(c), theme, variants)));
        foreach (var l in g.Lessons) records.Add((g.Links.Lesson(l.Id).Path, () => Lesson(g, vm.Lesson(l), theme, variants)));
        foreach (var p in g.Pages) records.Add((g.Links.Page(p.Id).Path, () => Page(g, vm.Page(p), theme, variants)));
        foreach (var v in g.Volumes)
            if (v.ForewordMarkdown.Length > 0 && v.ForewordPath is not null)
                records.Add((g.Links.Volume(v.Id).Path, () => Volume(g, vm.Volume(v), theme, variants)));
        var made = records.OrderBy(r => r.Path, StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(r => r.Make()).Where(r => r.Content.Length > 0);
        foreach (var record in made) yield return record;
        done?.Invoke();
    }

    private static SearchRecord Case(SiteGraph g, CaseVm m, Theme theme, SearchVariants variants)
    {
        var c = m.Card;
        // The facet values are searchable too (an organization, a region…), after the case's own text.
        var text = SearchText.ForIndex(m.SearchText, variants) + string.Concat(m.Filters.Select(f => " ・ " + SearchText.ForIndex(f.Value, variants)));
        var meta = Meta(c.Title, theme.T("search_kind_case"));
        meta["organization"] = c.Organization;
        meta["fiscal_year"] = c.FiscalYearLabel;
        if (c.VolumeTitle.Length > 0) meta["volume"] = c.VolumeTitle;
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in m.Filters)
            (filters.TryGetValue(f.Name, out var values) ? values : filters[f.Name] = new()).Add(Clean(f.Value));
        var sort = new Dictionary<string, string> { ["year"] = c.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new SearchRecord(Url(g, c.Url), Digest(text), meta, filters, sort);
    }

    private static SearchRecord Lesson(SiteGraph g, LessonVm m, Theme theme, SearchVariants variants)
    {
        var source = new StringBuilder().Append(Enc(m.Title)).Append(" ・ ").Append(Enc(m.Summary)).Append(" ・ ").Append(m.BodyHtml);
        foreach (var b in m.Blocks)
        {
            source.Append(" ・ ").Append(Enc(b.Title));
            foreach (var it in b.Items) source.Append(" ・ ").Append(Enc(it.Title)).Append(' ').Append(Enc(it.Subtitle)).Append(" ・ ").Append(it.TextHtml);
        }
        return new SearchRecord(Url(g, m.Url), Digest(SearchText.ForIndex(source.ToString(), variants)), Meta(m.Title, theme.T("search_kind_lesson")), new(), new());
    }

    private static SearchRecord Page(SiteGraph g, ContentPageVm m, Theme theme, SearchVariants variants)
    {
        var source = Enc(m.Title) + " ・ " + Enc(m.Summary) + " ・ " + m.BodyHtml;
        var meta = Meta(m.Title, theme.T("search_kind_page"));
        foreach (var v in m.Volume) meta["volume"] = v.Label;
        return new SearchRecord(Url(g, m.Url), Digest(SearchText.ForIndex(source, variants)), meta, new(), new());
    }

    private static SearchRecord Volume(SiteGraph g, VolumeVm v, Theme theme, SearchVariants variants)
    {
        var source = Enc(v.Title) + " ・ " + Enc(v.Subtitle) + " ・ " + Enc(v.Publisher) + " ・ " + Enc(v.ForewordTitle) + " ・ " + v.ForewordHtml;
        var meta = Meta($"{v.Title}（{v.ForewordTitle}）", theme.T("search_kind_volume"));
        meta["volume"] = v.Title;
        meta["fiscal_year"] = v.FiscalYearLabel;
        return new SearchRecord(Url(g, v.Url), Digest(SearchText.ForIndex(source, variants)), meta, new(), new());
    }

    private static Dictionary<string, string> Meta(string title, string kind) =>
        new(StringComparer.Ordinal) { ["title"] = Clean(title), ["kind"] = kind };

    /// <summary>Result URLs are site-relative ("/cases/x/"); search.js puts the site's base path in front.</summary>
    private static string Url(SiteGraph g, string url) => "/" + url[g.Settings.BasePath.Length..];

    // Text written into a fragment of HTML (titles, summaries) is escaped, as the pages escape it, so that
    // SearchText.ForIndex strips only real tags from the body HTML around it.
    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Clean(string value) => Spaces().Replace(value, " ").Trim();

    /// <summary>The text as Pagefind's HTML reader would have taken it from a paragraph: whitespace collapsed,
    /// and a full stop after a final word character so excerpts of neighbouring blocks do not run together.</summary>
    public static string Digest(string text)
    {
        text = Clean(text);
        return text.Length > 0 && SentenceEnd().IsMatch(text[^1].ToString()) ? text + "." : text;
    }

    /// <summary>One record per line, as tools/search/index.mjs reads them.</summary>
    public static string ToJsonLine(SearchRecord record) => JsonSerializer.Serialize(record, Json);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^[\w'""\)\$\*]$")]
    private static partial Regex SentenceEnd();
}
