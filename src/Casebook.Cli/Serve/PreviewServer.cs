using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Editing;
using Casebook.Core.Graph;
using Casebook.Core.Incremental;
using Casebook.Core.Rendering;
using Casebook.Publishing.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Casebook.Cli.Serve;

public sealed record ServeOptions(string SourceRoot, int Port = 8080, bool IncludeDrafts = true, string? ThemeDir = null, string? ShippedThemeDir = null);

/// <summary>One successful build held in memory. Swapped whole, so a request sees one build or the other.</summary>
public sealed record SiteSnapshot(int Version, IReadOnlyDictionary<string, byte[]> Files, SiteGraph Graph,
    IReadOnlyDictionary<string, string> CaseByFile, string ThemeDir, IReadOnlyDictionary<string, string> Strings);

/// <summary><c>casebook serve</c>: builds the site into memory, serves it on 127.0.0.1 only, rebuilds when
/// casebook.yml, input/ or theme/ change, and tells open pages to reload over server-sent events. A failed build
/// keeps the last good site and shows its diagnostics in an overlay. Serve mode also offers a tagging panel
/// on case pages; its endpoints exist only here, behind a per-session token.</summary>
public sealed class PreviewServer : IAsyncDisposable
{
    public const string Prefix = "/__casebook/";
    private static readonly JsonSerializerOptions Json = new(Casebook.Core.Output.JsonExport.Options) { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ServeOptions _options;
    private readonly TextWriter _log;
    private readonly string _root;
    private readonly Lock _buildLock = new();
    private readonly List<Channel<string>> _clients = new();
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _changed = new(0);
    private LoopbackServer? _http;
    private Task? _rebuildLoop;
    private volatile SiteSnapshot? _site;
    private volatile IReadOnlyList<Diagnostic> _errors = [];
    private int _version;
    private IncrementalSite? _incremental;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    public string Origin { get; private set; } = "";
    public int Port { get; private set; }
    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    /// <summary>Tells pages from an earlier run of serve (whose token is stale) to reload.</summary>
    public string Session { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    public SiteSnapshot? Site => _site;
    public IReadOnlyList<Diagnostic> Errors => _errors;
    public TimeSpan LastBuildTime { get; private set; }
    /// <summary>"full" or "incremental".</summary>
    public string LastBuildMode { get; private set; } = "full";
    /// <summary>Raised after each build (success or not); tests wait on it.</summary>
    public event Action<int>? Built;

    private PreviewServer(ServeOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
        _root = Path.GetFullPath(options.SourceRoot);
    }

    public static async Task<PreviewServer> StartAsync(ServeOptions options, TextWriter? log = null)
    {
        var server = new PreviewServer(options, log ?? TextWriter.Null);
        server.Build();
        await server.StartHttpAsync();
        server.Watch();
        return server;
    }

    private async Task StartHttpAsync()
    {
        _http = await LoopbackServer.StartAsync(Handle, _options.Port);
        Origin = _http.Origin;
        Port = _http.Port;
    }

    // ---- building -------------------------------------------------------------------------------------

    /// <summary>Builds the site in memory and swaps it in when it has no errors. With a single edited case file
    /// after a good build, only the pages that edit affects are rendered (see <see cref="IncrementalSite"/>).</summary>
    public void Build(IReadOnlyCollection<string>? changed = null)
    {
        lock (_buildLock)
        {
            var sw = Stopwatch.StartNew();
            var themeDir = ThemeDir;
            var options = new BuildOptions(_root, Path.Combine(_root, "_site"), "/", _options.IncludeDrafts, themeDir, WriteOutput: false);
            (IncrementalSite? Site, BuildResult Result)? outcome = null;
            var mode = "full";
            try
            {
                if (changed is { Count: 1 } && _incremental is not null && _errors.Count == 0)
                {
                    outcome = _incremental.CaseEdited(changed.First());
                    if (outcome is not null) mode = "incremental";
                }
                outcome ??= IncrementalSite.Full(options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcome = (null, new BuildResult { Diagnostics = [new Diagnostic(Severity.Error, DiagnosticCodes.UnreadableFile, e.Message, SourceSpan.File("input"))] });
            }
            var (next, result) = outcome.Value;
            LastBuildTime = sw.Elapsed;
            LastBuildMode = mode;
            var version = Interlocked.Increment(ref _version);
            foreach (var d in result.Diagnostics) _log.WriteLine(d.ToString());
            if (next is null)
            {
                // Later builds start from scratch: files may change while the site is broken.
                _incremental = null;
                _errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
                if (_errors.Count == 0) _errors = [new Diagnostic(Severity.Error, DiagnosticCodes.TemplateError, "サイトを生成できませんでした。", SourceSpan.File(themeDir))];
                _log.WriteLine($"serve: エラー {_errors.Count} 件。直前の正常なサイトを表示し続けます（{sw.Elapsed.TotalSeconds:0.00} 秒）");
                Broadcast("builderror", JsonSerializer.Serialize(ErrorPayload(), Json));
                Built?.Invoke(version);
                return;
            }
            _incremental = next;
            var files = next.Files;
            var graph = next.Graph;
            var caseByFile = graph.Cases.ToDictionary(c => graph.Links.Case(c.Id).File, c => c.Id, StringComparer.Ordinal);
            var strings = next.Theme.Strings.Where(kv => kv.Key.StartsWith("serve_", StringComparison.Ordinal) || kv.Key.StartsWith("tagging_", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => (string)kv.Value, StringComparer.Ordinal);
            var previous = _site;
            var changedUrls = previous is null ? [] : Changed(previous.Files, files);
            _site = new SiteSnapshot(version, files, graph, caseByFile, themeDir, strings);
            var hadErrors = _errors.Count > 0;
            _errors = [];
            _log.WriteLine($"serve: 再生成しました（{(mode == "full" ? "全体" : "差分")}、描画 {next.PagesRendered} ファイル）— {sw.Elapsed.TotalSeconds:0.000} 秒（変わったファイル {changedUrls.Count} 件）");
            Broadcast("reload", JsonSerializer.Serialize(new { version, all = hadErrors || previous is null || changedUrls.Count > 50, changed = changedUrls }, Json));
            Built?.Invoke(version);
        }
    }

    /// <summary>URLs of pages whose bytes differ (or that appeared or went away), so only those pages reload.</summary>
    private static List<string> Changed(IReadOnlyDictionary<string, byte[]> before, IReadOnlyDictionary<string, byte[]> after)
    {
        var result = new List<string>();
        foreach (var (path, bytes) in after)
            if (!before.TryGetValue(path, out var old) || !old.AsSpan().SequenceEqual(bytes)) result.Add(UrlOf(path));
        foreach (var path in before.Keys)
            if (!after.ContainsKey(path)) result.Add(UrlOf(path));
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static string UrlOf(string file) => "/" + (file.EndsWith("index.html", StringComparison.Ordinal) ? file[..^"index.html".Length] : file);

    private object ErrorPayload() => new
    {
        version = _version,
        title = Str("serve_error_title", "ビルドエラー"),
        lead = Str("serve_error_lead", "直して保存すると自動で再読み込みします。"),
        close = Str("serve_error_close", "閉じる"),
        diagnostics = _errors.Select(d => d.ToString()).ToArray(),
    };

    private string ThemeDir => Pipeline.ResolveTheme(_root, _options.ThemeDir, _options.ShippedThemeDir);

    private string Str(string key, string fallback) => _site?.Strings.GetValueOrDefault(key) ?? fallback;

    // ---- watching -------------------------------------------------------------------------------------

    private void Watch()
    {
        AddWatcher(_root);
        var theme = Path.GetFullPath(ThemeDir);
        if (!theme.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) AddWatcher(theme);
        _rebuildLoop = Task.Run(RebuildLoop);
    }

    private void AddWatcher(string dir)
    {
        var w = new FileSystemWatcher(dir)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void OnChange(string path)
        {
            if (!Relevant(dir, path)) return;
            lock (_pending) _pending.Add(dir == _root ? path : "theme:" + path);
            _changed.Release();
        }
        w.Changed += (_, e) => OnChange(e.FullPath);
        w.Created += (_, e) => OnChange(e.FullPath);
        w.Deleted += (_, e) => OnChange(e.FullPath);
        w.Renamed += (_, e) => { OnChange(e.FullPath); OnChange(e.OldFullPath); };
        w.Error += (_, _) => { lock (_pending) _pending.Add("*"); _changed.Release(); };
        w.EnableRaisingEvents = true;
        _watchers.Add(w);
    }

    private bool Relevant(string watched, string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal)) return false;
        if (watched != _root) return true; // a theme outside the site
        var rel = Path.GetRelativePath(_root, path).Replace('\\', '/');
        return rel == "casebook.yml" || rel.StartsWith("input/", StringComparison.Ordinal) || rel.StartsWith("theme/", StringComparison.Ordinal)
            || rel is "input" or "theme";
    }

    /// <summary>Folders and editors' short-lived temporary files (sed, vim's 4913) do not make an edit
    /// touch several files; a vanished content file (a deletion) does.</summary>
    private static bool Counts(string path)
    {
        if (path == "*" || path.StartsWith("theme:", StringComparison.Ordinal) || File.Exists(path)) return true;
        if (Directory.Exists(path)) return false;
        return Path.GetExtension(path).ToLowerInvariant() is ".md" or ".yml" or ".yaml" or ".liquid" or ".css" or ".js" or ".json";
    }

    private async Task RebuildLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(token);
                // Editors write a file in several steps; wait for a quiet moment, then build once.
                while (await _changed.WaitAsync(TimeSpan.FromMilliseconds(120), token)) { }
                List<string> changed;
                lock (_pending) { changed = _pending.Where(Counts).ToList(); _pending.Clear(); }
                Build(changed.Any(c => c == "*" || c.StartsWith("theme:", StringComparison.Ordinal)) ? null : changed);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e)
            {
                _log.WriteLine($"serve: 再生成に失敗しました: {e.Message}");
            }
        }
    }

    // ---- live reload ----------------------------------------------------------------------------------

    private void Broadcast(string evt, string data)
    {
        var message = $"event: {evt}\ndata: {data}\n\n";
        lock (_clients)
            foreach (var c in _clients) c.Writer.TryWrite(message);
    }

    private async Task Events(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/event-stream; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        var channel = Channel.CreateUnbounded<string>();
        lock (_clients) _clients.Add(channel);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stop.Token,
            ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            var hello = JsonSerializer.Serialize(new { version = _site?.Version ?? 0, session = Session, error = _errors.Count > 0 ? ErrorPayload() : null }, Json);
            await ctx.Response.WriteAsync($"retry: 1000\nevent: hello\ndata: {hello}\n\n", cts.Token);
            await ctx.Response.Body.FlushAsync(cts.Token);
            while (!cts.IsCancellationRequested)
            {
                using var ping = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                ping.CancelAfter(TimeSpan.FromSeconds(15));
                string message;
                try { message = await channel.Reader.ReadAsync(ping.Token); }
                catch (OperationCanceledException) when (!cts.IsCancellationRequested) { message = ": ping\n\n"; }
                await ctx.Response.WriteAsync(message, cts.Token);
                await ctx.Response.Body.FlushAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            lock (_clients) _clients.Remove(channel);
        }
    }

    // ---- HTTP -----------------------------------------------------------------------------------------

    private async Task Handle(HttpContext ctx)
    {
        var res = ctx.Response;
        res.Headers.CacheControl = "no-store";
        var path = ctx.Request.Path.Value ?? "/";
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await Internal(ctx, path[Prefix.Length..]);
            return;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            res.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        var site = _site;
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
        if (Casebook.Core.Imaging.PublishedImageFile.Find(_root, rel) is { } photo)
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
        foreach (var dir in new[] { Path.Combine(_root, "input", "assets"), Path.Combine(site.ThemeDir, "assets") })
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
        tags.Append("<meta name=\"casebook-serve\" content=\"").Append(_site?.Version ?? 0).Append("\" data-token=\"").Append(Token).Append("\" data-session=\"").Append(Session).Append('"');
        if (caseId is not null) tags.Append(" data-case=\"").Append(WebUtility.HtmlEncode(caseId)).Append('"');
        tags.Append(">\n<link rel=\"stylesheet\" href=\"").Append(Prefix).Append("serve.css\">\n");
        tags.Append("<script type=\"module\" src=\"").Append(Prefix).Append("live.js\"></script>\n");
        if (caseId is not null) tags.Append("<script type=\"module\" src=\"").Append(Prefix).Append("tagging.js\"></script>\n");
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
        sb.Append(WebUtility.HtmlEncode(Str("serve_error_title", "ビルドエラー"))).Append("</title>\n</head>\n<body>\n<main class=\"cb-error-page\">\n<h1>")
            .Append(WebUtility.HtmlEncode(Str("serve_error_title", "ビルドエラー"))).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(Str("serve_error_lead", "直して保存すると自動で再読み込みします。"))).Append("</p>\n<ol>\n");
        foreach (var d in _errors) sb.Append("<li><code>").Append(WebUtility.HtmlEncode(d.ToString())).Append("</code></li>\n");
        return sb.Append("</ol>\n</main>\n</body>\n</html>\n").ToString();
    }

    private async Task Internal(HttpContext ctx, string rest)
    {
        switch (rest)
        {
            case "events": await Events(ctx); return;
            case "live.js" or "tagging.js" or "serve.css":
                var bytes = ClientFiles.Get(rest);
                ctx.Response.ContentType = rest.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
                ctx.Response.ContentLength = bytes.Length;
                await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
                return;
        }
        if (rest.StartsWith("api/case/", StringComparison.Ordinal))
        {
            await new TaggingApi(this, _root).Handle(ctx, Uri.UnescapeDataString(rest["api/case/".Length..]));
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    internal bool TokenOk(HttpContext ctx)
    {
        var given = ctx.Request.Headers["X-Casebook-Token"].ToString();
        return given.Length == Token.Length
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(Token));
    }

    internal static JsonSerializerOptions JsonOptions => Json;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var w in _watchers) w.Dispose();
        lock (_clients) foreach (var c in _clients) c.Writer.TryComplete();
        if (_http is not null) await _http.DisposeAsync();
        if (_rebuildLoop is not null) { try { await _rebuildLoop; } catch (OperationCanceledException) { } }
    }
}

/// <summary>The serve-mode browser files, embedded in the tool so they never reach a built site.</summary>
internal static class ClientFiles
{
    public static byte[] Get(string name)
    {
        using var s = typeof(ClientFiles).Assembly.GetManifestResourceStream("Casebook.Cli.Serve.client." + name)
            ?? throw new InvalidOperationException("missing resource " + name);
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
