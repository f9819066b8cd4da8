using Casebook.Core.Diagnostics;
using Ganss.Xss;

namespace Casebook.Core.Rendering.Markdown.Extensions.RawHtml;

/// <summary>HTML written in content (Markdig passes it through as it is) loses what could run script — script
/// elements, event attributes, javascript: URLs — unless the site allows raw HTML. Markdown's own markup is never
/// touched: only a document that holds raw HTML is sanitised, with one warning when something was removed.</summary>
public static class RawHtmlSanitizer
{
    public static string Sanitize(string html, string path, int firstLine, DiagnosticBag diagnostics)
    {
        var removed = false;
        var sanitizer = new HtmlSanitizer();
        // The responsive photos and figures a document with raw HTML also holds must survive the pass.
        foreach (var a in new[] { "id", "class", "srcset", "sizes", "loading", "decoding", "width", "height" }) sanitizer.AllowedAttributes.Add(a);
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        sanitizer.RemovingTag += (_, _) => removed = true;
        sanitizer.RemovingAttribute += (_, _) => removed = true;
        sanitizer.RemovingStyle += (_, _) => removed = true;
        var safe = sanitizer.Sanitize(html);
        if (removed)
            diagnostics.Warning(DiagnosticCodes.UnsafeHtmlRemoved,
                "本文の HTML から安全でない部分（script、イベント属性など）を取り除きました。HTML をそのまま使うには casebook.yml の site.allow_raw_html を true にします。",
                new SourceSpan(path, firstLine, 1));
        return safe;
    }
}
