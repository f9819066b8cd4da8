namespace Casebook.Core.Model;

public sealed record SiteSettings(
    string Title,
    string Description,
    string BaseUrl,      // absolute origin + path, ends with '/', or "" when not configured
    string BasePath,     // path part of BaseUrl, starts and ends with '/'
    string Author,
    bool AllowRawHtml,
    bool RequireAlt = false,   // an image without alt text is an error instead of a warning
    int PageSize = SiteSettings.DefaultPageSize,        // cards per page of a case listing
    int FeedEntries = SiteSettings.DefaultFeedEntries)  // newest cases in feed.xml
{
    public const int DefaultPageSize = 50, DefaultFeedEntries = 50;

    /// <summary>Paper, margins and page breaks of the print edition and the PDF.</summary>
    public PrintSettings Print { get; init; } = PrintSettings.Default;

    /// <summary>casebook.yml's <c>search:</c> section (variant groups and synonyms).</summary>
    public Casebook.Core.Search.SearchSettings Search { get; init; } = Casebook.Core.Search.SearchSettings.Empty;
}
