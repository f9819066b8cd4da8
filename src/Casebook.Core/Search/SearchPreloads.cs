using System.Text;

namespace Casebook.Core.Search;

/// <summary>
/// A preload hint for Pagefind's script, written into the search page once Pagefind has written the index (a site
/// built without one gets no hint, which would fetch a 404). Without it the browser asks for pagefind.js only after
/// search-start.js has arrived and run. Pagefind's other first files (its worker, the metadata, the WebAssembly) are
/// fetched by its worker, which cannot use the page's preloads: hints for them made chromium warn on every load that
/// they were not used, and the worker then asked for them again (a 304 at best). search-start.js (an async module in
/// the search page's head, theme/layouts/base.liquid) starts that worker as soon as pagefind.js is there.
/// </summary>
public static class SearchPreloads
{
    /// <summary>Writes the hints for the files of <paramref name="indexDir"/> (URLs under <paramref name="basePath"/>) at
    /// the end of the &lt;head&gt; of <paramref name="searchPage"/>; without an index the page is left as it is.</summary>
    public static void Apply(string searchPage, string indexDir, string basePath)
    {
        var hints = Hints(indexDir, basePath);
        if (hints.Length == 0 || !File.Exists(searchPage)) return;
        var html = File.ReadAllText(searchPage);
        var at = html.IndexOf("</head>", StringComparison.Ordinal);
        if (at < 0) return;
        File.WriteAllText(searchPage, string.Concat(html.AsSpan(0, at), hints, html.AsSpan(at)), new UTF8Encoding(false));
    }

    /// <summary>The &lt;link&gt; elements, one per existing file.</summary>
    public static string Hints(string indexDir, string basePath) =>
        File.Exists(Path.Combine(indexDir, "pagefind.js"))
            ? $"<link rel=\"modulepreload\" href=\"{System.Net.WebUtility.HtmlEncode(basePath)}pagefind/pagefind.js\">\n"
            : "";
}
