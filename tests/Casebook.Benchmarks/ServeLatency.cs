using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Casebook.Benchmarks;

/// <summary>What an editor waits for in <c>casebook serve</c>, measured from outside: a case file is saved, then its page
/// is fetched over HTTP every few milliseconds until it shows the edit. Title, tag and body edits of a case inside a
/// volume, each repeated; prints every time and the median per kind. The corpus is copied first.</summary>
public static partial class ServeLatency
{
    public static async Task<int> Run(string[] args)
    {
        string? source = null;
        var rounds = 5;
        var casebook = Path.Combine(RepoRoot.Find(), "src", "Casebook.Cli", "bin", "Release", "net10.0", "casebook.dll");
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--source" && i + 1 < args.Length) source = args[++i];
            else if (args[i] == "--rounds" && i + 1 < args.Length) rounds = int.Parse(args[++i]);
            else if (args[i] == "--casebook" && i + 1 < args.Length) casebook = args[++i];
        }
        if (source is null || !File.Exists(casebook))
        {
            Console.Error.WriteLine("usage: serve-latency --source DIR [--rounds N] [--casebook path/to/casebook.dll] (build src/Casebook.Cli -c Release first)");
            return 2;
        }
        var work = Path.Combine(Path.GetTempPath(), "casebook-latency-" + Environment.ProcessId);
        IncrementalTimer.Copy(Path.GetFullPath(source), work);
        using var serve = Process.Start(new ProcessStartInfo("dotnet", [casebook, "serve", "--source", work, "--port", "0"])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var log = new List<string>();
        var origin = new TaskCompletionSource<string>();
        var builds = 0;
        var clock = Stopwatch.StartNew();
        var lastBuild = TimeSpan.Zero;
        serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.Add(e.Data);
            if (e.Data.Contains("再生成しました", StringComparison.Ordinal)) { lock (log) lastBuild = clock.Elapsed; Interlocked.Increment(ref builds); }
            if (OriginPattern().Match(e.Data) is { Success: true } m) origin.TrySetResult(m.Value);
        };
        serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            var url = await origin.Task.WaitAsync(TimeSpan.FromMinutes(10));
            var cases = Directory.EnumerateFiles(Path.Combine(work, "input", "cases"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var target = cases.Where(f => File.ReadAllText(f).Contains("\nvolume:", StringComparison.Ordinal)).Skip(6).FirstOrDefault() ?? cases[0];
            var id = Regex.Match(File.ReadAllText(target), "(?m)^id: *(.+)$") is { Success: true } idm ? idm.Groups[1].Value.Trim() : Path.GetFileNameWithoutExtension(target);
            var page = $"{url}cases/{Uri.EscapeDataString(id)}/";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Console.WriteLine($"serve at {url}; edited case: {Path.GetRelativePath(work, target)} ({page})");
            await http.GetStringAsync(page);   // warm the connection and the server's request path

            var edits = new (string Kind, Func<string, int, (string Text, string Marker)> Apply)[]
            {
                ("title", (t, r) => (TitlePattern().Replace(t, m => $"title: 計測{r}題 " + m.Groups[1].Value, 1), $"計測{r}題")),
                ("tags", (t, r) => (TagsPattern().Replace(t, $"tags: [計測{r}テーマ, ", 1), $"計測{r}テーマ")),
                ("body", (t, r) => (t + $"\n計測{r}の追記。\n", $"計測{r}の追記")),
            };
            var times = edits.ToDictionary(e => e.Kind, _ => new List<double>());
            var whole = edits.ToDictionary(e => e.Kind, _ => new List<double>());
            for (var r = 1; r <= rounds; r++)
                foreach (var (kind, apply) in edits)
                {
                    await Task.Delay(1500);   // a quiet machine between edits: serve has settled
                    var (text, marker) = apply(File.ReadAllText(target), r);
                    var before = Volatile.Read(ref builds);
                    var sw = Stopwatch.StartNew();
                    var saved = clock.Elapsed;
                    File.WriteAllText(target, text);
                    while (true)
                    {
                        var html = await http.GetStringAsync(page);
                        if (html.Contains(marker, StringComparison.Ordinal)) break;
                        if (sw.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{kind} edit not visible after 2 minutes");
                        await Task.Delay(2);
                    }
                    sw.Stop();
                    times[kind].Add(sw.Elapsed.TotalMilliseconds);
                    // The whole rebuild is done (every page and export consistent, the live-reload notice for the rest sent)
                    // when serve logs its line.
                    while (Volatile.Read(ref builds) == before && sw.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
                    double done;
                    lock (log) done = (lastBuild - saved).TotalMilliseconds;
                    whole[kind].Add(done);
                    await Task.Delay(300);
                    string last;
                    lock (log) last = log.LastOrDefault(l => l.Contains("再生成しました", StringComparison.Ordinal)) ?? "";
                    Console.WriteLine($"{kind} ({r}): visible after {times[kind][^1]:F0} ms, whole site after {done:F0} ms — {last.Replace("serve: ", "")}");
                }
            foreach (var (kind, list) in times)
            {
                var sorted = list.Order().ToList();
                var all = whole[kind].Order().ToList();
                Console.WriteLine($"{kind}: visible median {sorted[sorted.Count / 2]:F0} ms (min {sorted[0]:F0}, max {sorted[^1]:F0}, {sorted.Count} edits); "
                    + $"whole site median {all[all.Count / 2]:F0} ms (min {all[0]:F0}, max {all[^1]:F0})");
            }
            return 0;
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex OriginPattern();

    [GeneratedRegex("(?m)^title: (.*)$")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"(?m)^tags: \[")]
    private static partial Regex TagsPattern();
}
