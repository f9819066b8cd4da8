using Microsoft.AspNetCore.Http;

namespace Casebook.Publishing.Hosting;

/// <summary>A built site on disk served as a web host would serve it under its base path: GET and HEAD only,
/// <c>dir/</c> is <c>dir/index.html</c>, <c>dir</c> redirects to <c>dir/</c>, a missing page answers 404 with
/// the site's 404.html. Nothing outside the folder or the base path is reachable.</summary>
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
        var bytes = await File.ReadAllBytesAsync(file, ctx.RequestAborted);
        ctx.Response.ContentType = ContentTypes.For(file);
        ctx.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }
}
