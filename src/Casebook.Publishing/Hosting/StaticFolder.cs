using Microsoft.AspNetCore.Http;

namespace Casebook.Publishing.Hosting;

/// <summary>A built site on disk served as a web host would serve it under its base path: GET and HEAD only,
/// <c>dir/</c> is <c>dir/index.html</c>, <c>dir</c> redirects to <c>dir/</c>, a missing page answers 404 with
/// the site's 404.html. Text (HTML, CSS, JS, JSON, SVG, XML) is compressed (Brotli or gzip, <see cref="TextCompression"/>)
/// for a client that accepts it, as a web host sends it, so what a browser moves on loopback is what it moves from the
/// published site.
/// Every answer carries a validator (<c>ETag</c>) and <c>Cache-Control: no-cache</c>: a browser may keep a file but asks
/// again each time (a 304 without a body when unchanged), so an edit under <c>serve</c> shows at once and a reload moves
/// no unchanged bytes, as on a web host that sends validators.
/// Nothing outside the folder or the base path is reachable.</summary>
public sealed class StaticFolder
{
    private readonly string _root;
    private readonly string _basePath;
    private readonly TextCompression _compression = new();

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

    private async Task WriteAsync(HttpContext ctx, string file)
    {
        var info = new FileInfo(file);
        var type = ContentTypes.For(file);
        var bytes = await File.ReadAllBytesAsync(file, ctx.RequestAborted);
        var version = $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}";
        string? encoding = null;
        if (IsText(type))
        {
            ctx.Response.Headers.Vary = "Accept-Encoding";
            (encoding, bytes) = _compression.Encode(file, version, bytes, ctx.Request.Headers.AcceptEncoding.ToString());
        }
        // One validator per representation: a compressed body is not byte-for-byte the file.
        var tag = $"\"{version}{(encoding is null ? "" : "-" + encoding)}\"";
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
        ctx.Response.ContentType = type;
        if (encoding is not null) ctx.Response.Headers.ContentEncoding = encoding;
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type.StartsWith("application/javascript", StringComparison.Ordinal)
        || type.StartsWith("application/json", StringComparison.Ordinal) || type.StartsWith("application/xml", StringComparison.Ordinal)
        || type.StartsWith("image/svg+xml", StringComparison.Ordinal);
}
