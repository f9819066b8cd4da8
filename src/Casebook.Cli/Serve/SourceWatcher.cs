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
    private static bool Counts(string path)
    {
        if (path == "*" || path.StartsWith("theme:", StringComparison.Ordinal) || File.Exists(path)) return true;
        if (Directory.Exists(path)) return false;
        return Path.GetExtension(path).ToLowerInvariant() is ".md" or ".yml" or ".yaml" or ".liquid" or ".css" or ".js" or ".json";
    }

    private const int QuietMilliseconds = 25;

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
                while (await _changed.WaitAsync(TimeSpan.FromMilliseconds(QuietMilliseconds), token)) { }
                List<string> changed;
                lock (_pending) { changed = _pending.Where(Counts).ToList(); _pending.Clear(); }
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
