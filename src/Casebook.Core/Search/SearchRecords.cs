using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Casebook.Core.Graph;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Core.Text;

namespace Casebook.Core.Search;

/// <summary>One page as the search index sees it: its text in parts with a ranking weight each (title, then summary and
/// tags, then the rest), plus meta and filters. tools/search/index.mjs gives it to Pagefind as a small HTML
/// document, one element per part with <c>data-pagefind-weight</c>, so a word in the title or summary counts for more
/// than one in the body. Text is already in the index's own form (<see cref="SearchText"/>).</summary>
public sealed record SearchRecord(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("parts")] List<SearchPart> Parts,
    [property: JsonPropertyName("meta")] Dictionary<string, string> Meta,
    [property: JsonPropertyName("filters")] Dictionary<string, List<string>> Filters)
{
    [JsonPropertyName("language")] public string Language => PagefindIndexer.IndexLanguage;

    /// <summary>All the text, as one string (what excerpts are cut from).</summary>
    [JsonIgnore] public string Content => string.Join(" ", Parts.Select(p => p.Text));
}

/// <summary>Text with a Pagefind ranking weight (1 = ordinary body text).</summary>
public sealed record SearchPart([property: JsonPropertyName("weight")] int Weight, [property: JsonPropertyName("text")] string Text)
{
    public const int Title = 5, Lead = 3, Body = 1;
}

/// <summary>
/// What the search index holds, built from the view models the pages are rendered from: cases, lessons, free
/// pages and volume forewords (listings are not indexed). Each record carries the metadata a result shows
/// (title, kind, organization, volume, fiscal year), the case facets as filters,
/// and the text: title, summary, terms, voices, body … split into tokens. Pagefind gets these records instead
/// of crawling the written site, so pages need no hidden copy of their text and listings are never parsed.
/// </summary>
public static partial class SearchRecords
{
    public static readonly JsonSerializerOptions Json = new(JsonText.Options) { WriteIndented = false };

    /// <summary>Records in URL order (a stable order makes a stable index), made in parallel and handed out as
    /// they are ready, so Pagefind can take the first while the rest are made. The Markdown they need is cached in
    /// <paramref name="vm"/>, so the pages rendered afterwards reuse it. <paramref name="done"/> runs after the last.</summary>
    public static IEnumerable<SearchRecord> For(SiteGraph g, ViewModelFactory vm, Theme theme, Action? done = null)
    {
        var variants = SearchVariantSources.For(g.Content);
        var records = new List<(int Year, string Path, Func<SearchRecord> Make)>();
        foreach (var c in g.Cases) records.Add((c.FiscalYear, g.Links.Case(c.Id).Path, () => Case(g, vm.Case(c), theme, variants)));
        foreach (var l in g.Lessons) records.Add((int.MinValue, g.Links.Lesson(l.Id).Path, () => Lesson(g, vm.Lesson(l), theme, variants)));
        foreach (var p in g.Pages) records.Add((int.MinValue, g.Links.Page(p.Id).Path, () => Page(g, vm.Page(p), theme, variants)));
        foreach (var v in g.Volumes)
            if (v.ForewordMarkdown.Length > 0 && v.ForewordPath is not null)
                records.Add((int.MinValue, g.Links.Volume(v.Id).Path, () => Volume(g, vm.Volume(v), theme, variants)));
        // Pagefind numbers pages in the order they are added: cases newest fiscal year first, then the other pages, each
        // group in URL order. With only facets chosen the search page lists results in that order (PagefindPageNames),
        // so Pagefind needs no sort of its own (its year sort was 23 KB of the metadata every query loads).
        var made = records.OrderByDescending(r => r.Year).ThenBy(r => r.Path, StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(r => r.Make()).Where(r => r.Parts.Count > 0);
        foreach (var record in made) yield return record;
        done?.Invoke();
    }

    private static SearchRecord Case(SiteGraph g, CaseVm m, Theme theme, SearchVariants variants)
    {
        var c = m.Card;
        // m.SearchText is title ・ subtitle ・ summary ・ organization ・ tags ・ voices ・ body: the parts that rank higher
        // are taken off its front (when it is built that way), the rest stays ordinary text.
        var lead = new[] { c.Subtitle, c.Summary, c.Organization }.Concat(c.Tags.Select(t => t.Label));
        var front = Casebook.Core.Text.TextNormalizer.Search(string.Join(" ・ ", lead.Prepend(c.Title)));
        var parts = new List<SearchPart>();
        if (m.SearchText.StartsWith(front, StringComparison.Ordinal))
        {
            parts.Add(new(SearchPart.Title, SearchText.ForIndex(Enc(c.Title), variants)));
            parts.Add(new(SearchPart.Lead, SearchText.ForIndex(Enc(string.Join(" ・ ", new[] { c.Subtitle, c.Summary }.Concat(c.Tags.Select(t => t.Label)))), variants)));
            parts.Add(new(SearchPart.Body, SearchText.ForIndex(c.Organization + m.SearchText[front.Length..], variants)));
        }
        else parts.Add(new(SearchPart.Body, SearchText.ForIndex(m.SearchText, variants)));
        // The profile table (地域概況) is on the page too; then the facet values (a volume, a region…). The organization
        // and the tags are in the text above already: indexed twice they only made Pagefind's work and the index larger.
        var extra = m.Profile.Select(p => p.Label + " " + p.Value)
            .Concat(m.Filters.Where(f => f.Name is not (SearchFacets.Organization or SearchFacets.Tags)).Select(f => f.Value));
        parts.Add(new(SearchPart.Body, string.Concat(extra.Select(x => " ・ " + SearchText.ForIndex(x, variants))).TrimStart()));
        var meta = Meta(c.Title, theme.T("search_kind_case"));
        meta["organization"] = c.Organization;
        meta["fiscal_year"] = c.FiscalYearLabel;
        if (c.VolumeTitle.Length > 0) meta["volume"] = c.VolumeTitle;
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in m.Filters)
            (filters.TryGetValue(f.Name, out var values) ? values : filters[f.Name] = new()).Add(Clean(f.Value));
        return new SearchRecord(Url(g, c.Url), Digest(parts), meta, filters);
    }

    private static SearchRecord Lesson(SiteGraph g, LessonVm m, Theme theme, SearchVariants variants)
    {
        var source = new StringBuilder().Append(m.BodyHtml);
        foreach (var b in m.Blocks)
        {
            source.Append(" ・ ").Append(Enc(b.Title));
            foreach (var it in b.Items) source.Append(" ・ ").Append(Enc(it.Title)).Append(' ').Append(Enc(it.Subtitle)).Append(" ・ ").Append(it.TextHtml);
        }
        return new SearchRecord(Url(g, m.Url), Digest(Parts(m.Title, m.Summary, source.ToString(), variants)), Meta(m.Title, theme.T("search_kind_lesson")), new());
    }

    private static SearchRecord Page(SiteGraph g, ContentPageVm m, Theme theme, SearchVariants variants)
    {
        var meta = Meta(m.Title, theme.T("search_kind_page"));
        foreach (var v in m.Volume) meta["volume"] = v.Label;
        return new SearchRecord(Url(g, m.Url), Digest(Parts(m.Title, m.Summary, m.BodyHtml, variants)), meta, new());
    }

    private static SearchRecord Volume(SiteGraph g, VolumeVm v, Theme theme, SearchVariants variants)
    {
        var source = Enc(v.Publisher) + " ・ " + Enc(v.ForewordTitle) + " ・ " + v.ForewordHtml;
        var meta = Meta($"{v.Title}（{v.ForewordTitle}）", theme.T("search_kind_volume"));
        meta["volume"] = v.Title;
        meta["fiscal_year"] = v.FiscalYearLabel;
        return new SearchRecord(Url(g, v.Url), Digest(Parts(v.Title, v.Subtitle, source, variants)), meta, new());
    }

    /// <summary>Title, lead (summary, subtitle) and body HTML as weighted parts in the index's form.</summary>
    private static List<SearchPart> Parts(string title, string lead, string bodyHtml, SearchVariants variants) =>
    [
        new(SearchPart.Title, SearchText.ForIndex(Enc(title), variants)),
        new(SearchPart.Lead, SearchText.ForIndex(Enc(lead), variants)),
        new(SearchPart.Body, SearchText.ForIndex(bodyHtml, variants)),
    ];

    /// <summary>Each part as <see cref="Digest(string)"/> makes it, empty parts dropped, repeated body words hidden
    /// from the index (<see cref="SearchRepeats"/>).</summary>
    private static List<SearchPart> Digest(List<SearchPart> parts) =>
        SearchRepeats.Cap(parts.Select(p => p with { Text = Digest(p.Text) }).Where(p => p.Text.Length > 0).ToList());

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
