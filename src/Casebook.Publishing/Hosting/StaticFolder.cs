using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Casebook.Publishing.Hosting;

/// <summary>A built site on disk served as a web host would serve it under its base path: GET and HEAD only,
/// <c>dir/</c> is <c>dir/index.html</c>, <c>dir</c> redirects to <c>dir/</c>, a missing page answers 404 with
/// the site's 404.html. Text (HTML, CSS, JS, JSON, SVG, XML) is gzipped for a client that accepts it, as a web host
/// sends it, so what a browser moves on loopback is what it moves from the published site.
/// Every answer carries a validator (<c>ETag</c>) and <c>Cache-Control: no-cache</c>: a browser may keep a file but asks
/// again each time (a 304 without a body when unchanged), so an edit under <c>serve</c> shows at once and a reload moves
/// no unchanged bytes, as on a web host that sends validators.
/// Nothing outside the folder or the base path is reachable.</summary>
public sealed class StaticFolder
{
    private readonly string _root;
    private readonly string _basePath;

    public StaticFolder(string root, string basePath = "/")
    {
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!basePath.StartsWith('/')) basePath = "/" + basePath;
        if (!basePath.EndsWith('/')) basePath += "/";
        _basePath = basePath;
    }

    /// <summary>The file or folder a URL path names, or null when it is outside the base path or the folder.</summary>
    public string? Resolve(string urlPath)
    {
        var path = Uri.UnescapeDataString(urlPath);
        if (!path.StartsWith(_basePath, StringComparison.Ordinal)) return null;
        var full = Path.GetFullPath(Path.Combine(_root, path[_basePath.Length..]));
        if (!full.StartsWith(_root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != _root) return null;
        return File.Exists(full) || Directory.Exists(full) ? full : null;
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var response = ctx.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        var urlPath = request.Path.Value ?? "/";
        if (urlPath + "/" == _basePath)
        {
            response.Redirect(_basePath + request.QueryString);
            return;
        }
        var found = Resolve(urlPath);
        if (found is not null && Directory.Exists(found))
        {
            if (!urlPath.EndsWith('/'))
            {
                response.Redirect(urlPath + "/" + request.QueryString);
                return;
            }
            found = Path.Combine(found, "index.html");
            if (!File.Exists(found)) found = null;
        }
        if (found is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            var notFound = Path.Combine(_root, "404.html");
            if (File.Exists(notFound)) await WriteAsync(ctx, notFound);
            return;
        }
        await WriteAsync(ctx, found);
    }

    private static async Task WriteAsync(HttpContext ctx, string file)
    {
        var info = new FileInfo(file);
        var tag = $"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"";
        ctx.Response.Headers.CacheControl = "no-cache";
        if (ctx.Response.StatusCode == StatusCodes.Status200OK)
        {
            ctx.Response.Headers.ETag = tag;
            if (ctx.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim().TrimStart('W', '/') == tag))
            {
                ctx.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        var bytes = await File.ReadAllBytesAsync(file, ctx.RequestAborted);
        var type = ContentTypes.For(file);
        ctx.Response.ContentType = type;
        if (IsText(type))
        {
            ctx.Response.Headers.Vary = "Accept-Encoding";
            if (ctx.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                bytes = Gzip(bytes);
                ctx.Response.Headers.ContentEncoding = "gzip";
            }
        }
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type.StartsWith("application/javascript", StringComparison.Ordinal)
        || type.StartsWith("application/json", StringComparison.Ordinal) || type.StartsWith("application/xml", StringComparison.Ordinal)
        || type.StartsWith("image/svg+xml", StringComparison.Ordinal);

    private static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }
}
