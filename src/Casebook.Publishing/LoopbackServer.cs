using System.Net;
using System.Net.Sockets;

namespace Casebook.Publishing;

/// <summary>Serves a built site read-only on 127.0.0.1 under its base path, so a browser loads a page
/// with its stylesheets exactly as a reader's browser would. Only GET and HEAD; nothing outside the folder.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".css"] = "text/css; charset=utf-8", [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json", [".xml"] = "application/xml", [".svg"] = "image/svg+xml", [".png"] = "image/png",
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif", [".webp"] = "image/webp",
        [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".otf"] = "font/otf",
        [".csv"] = "text/csv; charset=utf-8", [".pdf"] = "application/pdf", [".wasm"] = "application/wasm",
    };

    private readonly HttpListener _listener;
    private readonly string _root;
    private readonly string _basePath;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>http://127.0.0.1:port — without the base path.</summary>
    public string Origin { get; }

    private LoopbackServer(HttpListener listener, string origin, string root, string basePath)
    {
        _listener = listener;
        Origin = origin;
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        _basePath = basePath;
        _loop = Task.Run(Loop);
    }

    public static LoopbackServer Start(string root, string basePath = "/")
    {
        if (!basePath.StartsWith('/')) basePath = "/" + basePath;
        if (!basePath.EndsWith('/')) basePath += "/";
        for (var attempt = 0; ; attempt++)
        {
            // Ask the system for a free port, then listen on it; retry if another process took it meanwhile.
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            var origin = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(origin + "/");
            try
            {
                listener.Start();
                return new LoopbackServer(listener, origin, root, basePath);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().WaitAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException) { return; }
            _ = Task.Run(() => Serve(context));
        }
    }

    private async Task Serve(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            if (request.HttpMethod is not ("GET" or "HEAD")) { response.StatusCode = 405; return; }
            var file = Resolve(request.Url?.AbsolutePath ?? "/");
            if (file is null) { response.StatusCode = 404; return; }
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            var bytes = await File.ReadAllBytesAsync(file);
            response.ContentLength64 = bytes.Length;
            if (request.HttpMethod == "GET") await response.OutputStream.WriteAsync(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            try { response.StatusCode = 500; } catch (InvalidOperationException) { }
        }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }

    /// <summary>The file a URL path names, or null when it is outside the base path or the folder.</summary>
    public string? Resolve(string urlPath)
    {
        var path = Uri.UnescapeDataString(urlPath);
        if (!path.StartsWith(_basePath, StringComparison.Ordinal)) return null;
        var relative = path[_basePath.Length..];
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != _root) return null;
        if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
        return File.Exists(full) ? full : null;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _listener.Close();
        _stop.Dispose();
    }
}
