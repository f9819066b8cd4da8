using System.Net;
using System.Text;
using Casebook.Publishing.Hosting;
using Microsoft.AspNetCore.Http;

namespace Casebook.Cli.Serve;

/// <summary>Serve's answers over HTTP: the in-memory site's pages (with the live-reload and tagging scripts added),
/// its assets read from disk, the error page while no build has succeeded, and the /__casebook/ endpoints.</summary>
internal sealed class PreviewRouter(PreviewServer server, LiveReloadHub hub, string root, CancellationToken stop)
{
    public async Task Handle(HttpContext ctx)
    {
        var res = ctx.Response;
        res.Headers.CacheControl = "no-store";
        var path = ctx.Request.Path.Value ?? "/";
        if (path.StartsWith(PreviewServer.Prefix, StringComparison.Ordinal))
        {
            await Internal(ctx, path[PreviewServer.Prefix.Length..]);
            return;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            res.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        var site = server.Site;
        if (site is null)
        {
            await WriteHtml(ctx, ErrorPage(), StatusCodes.Status500InternalServerError, null);
            return;
        }
        var rel = path.TrimStart('/');
        if (rel.Length == 0 || rel.EndsWith('/')) rel += "index.html";
        if (site.Files.TryGetValue(rel, out var bytes))
        {
            await Serve(ctx, rel, bytes, site);
            return;
        }
        if (site.Files.ContainsKey(rel + "/index.html"))
        {
            res.Redirect(path + "/" + ctx.Request.QueryString);
            return;
        }
        // Photos are answered from their published (re-encoded, metadata-free) copies, never the originals.
        if (Casebook.Core.Imaging.PublishedImageFile.Find(root, rel) is { } photo)
        {
            await Serve(ctx, rel, await File.ReadAllBytesAsync(photo, ctx.RequestAborted), site);
            return;
        }
        if (rel.StartsWith("assets/", StringComparison.Ordinal) && AssetFile(site, rel["assets/".Length..]) is { } asset)
        {
            await Serve(ctx, rel, await File.ReadAllBytesAsync(asset, ctx.RequestAborted), site);
            return;
        }
        res.StatusCode = StatusCodes.Status404NotFound;
        if (site.Files.TryGetValue("404.html", out var notFound))
            await WriteHtml(ctx, Encoding.UTF8.GetString(notFound), StatusCodes.Status404NotFound, null);
    }

    /// <summary>Site assets (input/assets wins over the theme's, as in the build), read from disk so they are always current.</summary>
    private string? AssetFile(SiteSnapshot site, string rel)
    {
        foreach (var dir in new[] { Path.Combine(root, "input", "assets"), Path.Combine(site.ThemeDir, "assets") })
        {
            var root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.Combine(root, rel));
            if (full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full)) return full;
        }
        return null;
    }

    private async Task Serve(HttpContext ctx, string rel, byte[] bytes, SiteSnapshot site)
    {
        if (rel.EndsWith(".html", StringComparison.Ordinal))
        {
            await WriteHtml(ctx, Encoding.UTF8.GetString(bytes), StatusCodes.Status200OK, site.CaseByFile.GetValueOrDefault(rel));
            return;
        }
        ctx.Response.ContentType = ContentTypes.For(rel);
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>Adds the serve-mode scripts to a page: live reload everywhere, the tagging panel on case pages.</summary>
    public string Inject(string html, string? caseId)
    {
        var tags = new StringBuilder();
        tags.Append("<meta name=\"casebook-serve\" content=\"").Append(server.Site?.Version ?? 0).Append("\" data-token=\"").Append(server.Token).Append("\" data-session=\"").Append(server.Session).Append('"');
        if (caseId is not null) tags.Append(" data-case=\"").Append(WebUtility.HtmlEncode(caseId)).Append('"');
        tags.Append(">\n<link rel=\"stylesheet\" href=\"").Append(PreviewServer.Prefix).Append("serve.css\">\n");
        tags.Append("<script type=\"module\" src=\"").Append(PreviewServer.Prefix).Append("live.js\"></script>\n");
        if (caseId is not null) tags.Append("<script type=\"module\" src=\"").Append(PreviewServer.Prefix).Append("tagging.js\"></script>\n");
        var i = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return i < 0 ? tags + html : html[..i] + tags + html[i..];
    }

    private async Task WriteHtml(HttpContext ctx, string html, int status, string? caseId)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(Inject(html, caseId));
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>Shown while no build has succeeded yet; readable without JavaScript.</summary>
    private string ErrorPage()
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        sb.Append(WebUtility.HtmlEncode(server.Str("serve_error_title", "ビルドエラー"))).Append("</title>\n</head>\n<body>\n<main class=\"cb-error-page\">\n<h1>")
            .Append(WebUtility.HtmlEncode(server.Str("serve_error_title", "ビルドエラー"))).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(server.Str("serve_error_lead", "直して保存すると自動で再読み込みします。"))).Append("</p>\n<ol>\n");
        foreach (var d in server.Errors) sb.Append("<li><code>").Append(WebUtility.HtmlEncode(d.ToString())).Append("</code></li>\n");
        return sb.Append("</ol>\n</main>\n</body>\n</html>\n").ToString();
    }

    private async Task Internal(HttpContext ctx, string rest)
    {
        switch (rest)
        {
            case "events": await hub.StreamAsync(ctx, server.Hello(), stop); return;
            case "live.js" or "tagging.js" or "serve.css":
                var bytes = ClientFiles.Get(rest);
                ctx.Response.ContentType = rest.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
                ctx.Response.ContentLength = bytes.Length;
                await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
                return;
        }
        if (rest.StartsWith("api/case/", StringComparison.Ordinal))
        {
            await new TaggingApi(server, root).Handle(ctx, Uri.UnescapeDataString(rest["api/case/".Length..]));
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
