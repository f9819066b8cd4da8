using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Incremental;
using Casebook.Core.Output;
using Casebook.Publishing.Hosting;
using Microsoft.AspNetCore.Http;

namespace Casebook.Cli.Serve;

/// <summary><c>casebook serve</c>: builds the site into memory, serves it on 127.0.0.1 only, rebuilds when
/// casebook.yml, input/ or theme/ change, and tells open pages to reload over server-sent events. A failed build
/// keeps the last good site and shows its diagnostics in an overlay; the next build starts from that site, so fixing the
/// file that broke the build (or an editor's save seen half-written) is rebuilt incrementally. Serve mode also offers a tagging panel
/// on case pages; its endpoints exist only here, behind a per-session token.
/// This class builds and holds the current site; <see cref="SourceWatcher"/> asks it to rebuild, <see cref="LiveReloadHub"/>
/// tells the pages, <see cref="PreviewRouter"/> answers HTTP on Publishing's <see cref="LoopbackServer"/>.</summary>
public sealed class PreviewServer : IAsyncDisposable
{
    public const string Prefix = "/__casebook/";
    private static readonly JsonSerializerOptions Json = new(Casebook.Core.Output.JsonExport.Options) { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ServeOptions _options;
    private readonly TextWriter _log;
    private readonly string _root;
    private readonly Lock _buildLock = new();
    private readonly LiveReloadHub _hub = new();
    private readonly CancellationTokenSource _stop = new();
    private LoopbackServer? _http;
    private SourceWatcher? _watcher;
    private volatile SiteSnapshot? _site;
    private volatile IReadOnlyList<Diagnostic> _errors = [];
    private int _version;
    /// <summary>The last good site, kept through failed builds.</summary>
    private IncrementalSite? _incremental;
    /// <summary>The files changed since <see cref="_incremental"/> was built (empty after a good build); null when unknown
    /// (the configuration, the theme, or a change the watcher could not name).</summary>
    private HashSet<string>? _changedSinceGood = [];

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
    /// <summary>Raised after each build (success or not), inside the build: <see cref="Site"/> and <see cref="Errors"/>
    /// are that build's. Tests wait on it.</summary>
    public event Action<BuildReport>? Built;

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
        server._watcher = new SourceWatcher(server._root, server.ThemeDir, server.Build, server._log);
        return server;
    }

    private async Task StartHttpAsync()
    {
        _http = await LoopbackServer.StartAsync(new PreviewRouter(this, _hub, _root, _stop.Token).Handle, _options.Port);
        Origin = _http.Origin;
        Port = _http.Port;
    }


    /// <summary>Builds the site in memory and swaps it in when it has no errors. When a single case file is all that
    /// changed since the last good build (failed builds in between included), only the pages that edit affects are
    /// rendered (see <see cref="IncrementalSite"/>).</summary>
    public void Build(IReadOnlyCollection<string>? changed = null)
    {
        lock (_buildLock)
        {
            var sw = Stopwatch.StartNew();
            var themeDir = ThemeDir;
            var options = new BuildOptions(_root, Path.Combine(_root, "_site"), "/", _options.IncludeDrafts, themeDir, WriteOutput: false);
            (IncrementalSite? Site, BuildResult Result)? outcome = null;
            var mode = "full";
            var shown = _site;
            // A failed build keeps the last good site; what changed since then decides whether this build can start from it.
            var since = changed is { Count: > 0 } && _changedSinceGood is not null
                ? new HashSet<string>(_changedSinceGood.Concat(changed), StringComparer.Ordinal) : null;
            try
            {
                if (since is { Count: 1 } && _incremental is not null)
                {
                    outcome = _incremental.CaseEdited(since.First(), ShowFirst);
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
                // The last good site stays, without an edited page shown ahead of the rest of the rebuild. The next build
                // starts from it when the files changed since are still a single case file.
                _site = shown;
                _changedSinceGood = since;
                _errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
                if (_errors.Count == 0) _errors = [new Diagnostic(Severity.Error, DiagnosticCodes.TemplateError, "サイトを生成できませんでした。", SourceSpan.File(themeDir))];
                _log.WriteLine($"serve: エラー {_errors.Count} 件。直前の正常なサイトを表示し続けます（{sw.Elapsed.TotalSeconds:0.00} 秒）");
                _hub.Broadcast("builderror", JsonSerializer.Serialize(ErrorPayload(), Json));
                Built?.Invoke(new BuildReport(version, mode, Succeeded: false));
                return;
            }
            _incremental = next;
            _changedSinceGood = [];
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
            _hub.Broadcast("reload", JsonSerializer.Serialize(new { version, all = hadErrors || previous is null || changedUrls.Count > 50, changed = changedUrls }, Json));
            Built?.Invoke(new BuildReport(version, mode, Succeeded: true));
        }
    }

    /// <summary>Shows the edited case's page while the rest of the rebuild goes on (listings, print edition, exports), and
    /// reloads it where it is open; the rebuild's own snapshot replaces this one when it is done.</summary>
    private void ShowFirst(OutputFile page)
    {
        var current = _site;
        if (current is null || (current.Files.TryGetValue(page.Path, out var was) && was.AsSpan().SequenceEqual(page.Bytes))) return;
        var files = new Dictionary<string, byte[]>(current.Files, StringComparer.Ordinal) { [page.Path] = page.Bytes };
        _site = current with { Files = files };
        _hub.Broadcast("reload", JsonSerializer.Serialize(new { version = current.Version, all = false, changed = new[] { UrlOf(page.Path) } }, Json));
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

    /// <summary>The first event a page hears: which build it shows, and the overlay when the last build failed.</summary>
    internal string Hello() =>
        JsonSerializer.Serialize(new { version = _site?.Version ?? 0, session = Session, error = _errors.Count > 0 ? ErrorPayload() : null }, Json);

    private object ErrorPayload() => new
    {
        version = _version,
        title = Str("serve_error_title", "ビルドエラー"),
        lead = Str("serve_error_lead", "直して保存すると自動で再読み込みします。"),
        close = Str("serve_error_close", "閉じる"),
        diagnostics = _errors.Select(d => d.ToString()).ToArray(),
    };

    private string ThemeDir => Pipeline.ResolveTheme(_root, _options.ThemeDir, _options.ShippedThemeDir);

    internal string Str(string key, string fallback) => _site?.Strings.GetValueOrDefault(key) ?? fallback;

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
        if (_watcher is not null) await _watcher.DisposeAsync();
        _hub.CloseAll();
        if (_http is not null) await _http.DisposeAsync();
    }
}

/// <summary>One build of <see cref="PreviewServer"/>: its number, "full" or "incremental", and whether it succeeded.</summary>
public sealed record BuildReport(int Version, string Mode, bool Succeeded);
