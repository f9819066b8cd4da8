using System.Text;
using System.Text.Json;

namespace Casebook.Core.Search;

/// <summary>
/// Preload hints for the files Pagefind needs before the first search, written into the search page once Pagefind
/// has written the index (the metadata's name is a hash of its contents). Without them each file waits for the one
/// before it: search.js, then pagefind.js, then its worker, then the entry file (always fetched anew), then the metadata and WebAssembly.
/// With them the browser asks for all of them while it reads the page; Pagefind's worker then finds them in the
/// HTTP cache (it cannot use the page's preloads directly, so the files must be cacheable: StaticFolder sends
/// validators, web hosts do too).
/// </summary>
public static class SearchPreloads
{
    /// <summary>Writes hints for the files of <paramref name="indexDir"/> (URLs under <paramref name="basePath"/>) at the
    /// end of the &lt;head&gt; of <paramref name="searchPage"/>; without an index the page is left as it is.</summary>
    public static void Apply(string searchPage, string indexDir, string basePath)
    {
        var hints = Hints(indexDir, basePath);
        if (hints.Length == 0 || !File.Exists(searchPage)) return;
        var html = File.ReadAllText(searchPage);
        var at = html.IndexOf("</head>", StringComparison.Ordinal);
        if (at < 0) return;
        File.WriteAllText(searchPage, string.Concat(html.AsSpan(0, at), hints, html.AsSpan(at)), new UTF8Encoding(false));
    }

    /// <summary>The &lt;link&gt; elements, one per existing file, in the order Pagefind asks for them.</summary>
    public static string Hints(string indexDir, string basePath)
    {
        var entryPath = Path.Combine(indexDir, "pagefind-entry.json");
        if (!File.Exists(entryPath)) return "";
        using var entry = JsonDocument.Parse(File.ReadAllBytes(entryPath));
        if (!entry.RootElement.TryGetProperty("languages", out var languages)
            || !languages.TryGetProperty(PagefindIndexer.IndexLanguage, out var language)) return "";
        var url = System.Net.WebUtility.HtmlEncode(basePath) + "pagefind/";
        var sb = new StringBuilder();
        void Link(string file, string attributes)
        {
            if (File.Exists(Path.Combine(indexDir, file))) sb.Append($"<link {attributes} href=\"{url}{file}\">\n");
        }
        Link("pagefind.js", "rel=\"modulepreload\"");
        Link("pagefind-worker.js", "rel=\"preload\" as=\"script\"");
        // pagefind-entry.json is left out: Pagefind asks for it with a new query string each time.
        // crossorigin: the credentials mode of Pagefind's fetch() (same-origin), so the cached answers match.
        if (language.TryGetProperty("hash", out var hash) && hash.GetString() is { } h)
            Link($"pagefind.{h}.pf_meta", "rel=\"preload\" as=\"fetch\" crossorigin");
        if (language.TryGetProperty("wasm", out var wasm) && wasm.GetString() is { } w)
            Link($"wasm.{w}.pagefind", "rel=\"preload\" as=\"fetch\" crossorigin");
        return sb.ToString();
    }
}
