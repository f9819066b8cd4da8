namespace Casebook.Cli.Serve;

/// <summary>Watches casebook.yml, input/ and the theme, and after a quiet moment asks for one rebuild with the files
/// that changed (null: everything, e.g. the theme or a lost event).</summary>
internal sealed class SourceWatcher : IAsyncDisposable
{
    private readonly string _root;
    private readonly Action<IReadOnlyCollection<string>?> _rebuild;
    private readonly TextWriter _log;
    private readonly List<FileSystemWatcher> _watchers = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SourceWatcher(string root, string themeDir, Action<IReadOnlyCollection<string>?> rebuild, TextWriter log)
    {
        _root = root;
        _rebuild = rebuild;
        _log = log;
        AddWatcher(_root);
        var theme = Path.GetFullPath(themeDir);
        if (!theme.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) AddWatcher(theme);
        _loop = Task.Run(RebuildLoop);
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
    private bool Counts(string path)
    {
        if (path == "*" || path.StartsWith("theme:", StringComparison.Ordinal)) return true;
        if (File.Exists(path)) return Read(path);
        if (Directory.Exists(path)) return false;
        return Path.GetExtension(path).ToLowerInvariant() is ".md" or ".yml" or ".yaml" or ".liquid" or ".css" or ".js" or ".json";
    }

    /// <summary>Whether a build reads the file (see ContentLoader): the configuration, the site's theme, everything under
    /// input/assets/, and Markdown or YAML elsewhere in input/. An editor's temporary file (sed's sedXyZ123) is none of these.</summary>
    private bool Read(string path)
    {
        var rel = Path.GetRelativePath(_root, path).Replace('\\', '/');
        return rel == "casebook.yml" || rel.StartsWith("theme/", StringComparison.Ordinal) || rel.StartsWith("input/assets/", StringComparison.Ordinal)
            || IsContent(path);
    }

    private static bool IsContent(string path) => Path.GetExtension(path).ToLowerInvariant() is ".md" or ".yml" or ".yaml";

    /// <summary>An existing file that no build reads: a temporary file an editor is still writing before renaming it.</summary>
    private bool Unread(string path) => path != "*" && !path.StartsWith("theme:", StringComparison.Ordinal) && File.Exists(path) && !Read(path);

    /// <summary>An empty content file: a save that truncated the file and has not written it yet (seen under load).</summary>
    private static bool LooksHalfWritten(string path) =>
        IsContent(path) && File.Exists(path) && new FileInfo(path).Length == 0;

    private const int QuietMilliseconds = 25;
    /// <summary>How long an empty content file is given to be written before it is built as it is.</summary>
    private const int HalfWrittenMilliseconds = 500;

    private async Task RebuildLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(token);
                // Editors write a file in several steps; wait for a quiet moment, then build once. The moment is short
                // because it is part of what the editor waits for (an edit should show within 150 ms); a build that
                // caught a file half-written is followed by another when the rest of the write arrives.
                // A file left empty by a save that has truncated it but not yet written it gets a little longer.
                while (true)
                {
                    while (await _changed.WaitAsync(TimeSpan.FromMilliseconds(QuietMilliseconds), token)) { }
                    bool halfWritten;
                    lock (_pending) halfWritten = _pending.Any(LooksHalfWritten);
                    if (!halfWritten || !await _changed.WaitAsync(TimeSpan.FromMilliseconds(HalfWrittenMilliseconds), token)) break;
                }
                List<string> batch;
                lock (_pending) { batch = _pending.ToList(); _pending.Clear(); }
                // Only a temporary file being written (renamed over a source file next): nothing a build reads changed yet.
                if (batch.All(Unread)) continue;
                var changed = batch.Where(Counts).ToList();
                _rebuild(changed.Any(c => c == "*" || c.StartsWith("theme:", StringComparison.Ordinal)) ? null : changed);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e)
            {
                _log.WriteLine($"serve: 再生成に失敗しました: {e.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var w in _watchers) w.Dispose();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
