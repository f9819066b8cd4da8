namespace Casebook.Core.Model;

public sealed record SiteSettings(
    string Title,
    string Description,
    string BaseUrl,      // absolute origin + path, ends with '/', or "" when not configured
    string BasePath,     // path part of BaseUrl, starts and ends with '/'
    string Author,
    bool AllowRawHtml,
    bool RequireAlt = false);   // an image without alt text is an error instead of a warning
