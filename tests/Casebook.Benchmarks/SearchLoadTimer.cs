using System.Diagnostics;
using Casebook.Publishing.Hosting;
using Microsoft.Playwright;

namespace Casebook.Benchmarks;

/// <summary>
/// The search page as a reader meets it: /search/?q=… opened on loopback in a cold browser context (its own empty cache
/// and its own renderer process, in a chromium already started, as a reader's browser is). Per run it prints
///   on screen: from the navigation's start to the paint of the first result's title (Element Timing: search.js
///     marks that link `elementtiming`), by the page's own clock: no polling, no tab start;
///   drawn: the same start to search.js's mark `search:results`, when it has put the first results into the page
///     (the paint follows at the next frame);
///   wall: from just before the harness asks for the navigation to the moment the paint (or, on a page without
///     Element Timing, the mark) reached the harness through an exposed function that a PerformanceObserver calls:
///     the paint plus the DevTools protocol's round trips (asking for the navigation, hearing back);
/// then the bytes of every response (page, scripts, Pagefind's files), the cumulative layout shift and the long tasks'
/// blocking time (as Lighthouse sums them, over 50 ms), and at the end the median of each figure per site and query.
///   search-load --site DIR [--site DIR2 …] [--query 見守り]… [--runs 3] [--width 1280] [--browser context|fresh]
///               [--detail yes] [--trace DIR]
/// With several sites (A/B), each run opens every site in turn, so the sites meet the same load. --browser fresh starts
/// a new chromium for every run (its start-up work then runs beside the page's: this round's default was that).
/// --trace writes chromium's trace of each run (DIR/query-run.json, chrome://tracing or Perfetto) to see what the
/// page's thread does.
/// </summary>
public static class SearchLoadTimer
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"];

    public static int Run(string[] args)
    {
        var sites = new List<string>();
        var queries = new List<string>();
        var runs = 3;
        var width = 1280;
        var detail = false;
        var fresh = false;
        string? trace = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
            switch (args[i])
            {
                case "--site": sites.Add(args[i + 1]); break;
                case "--query": queries.Add(args[i + 1]); break;
                case "--runs": runs = int.Parse(args[i + 1]); break;
                case "--width": width = int.Parse(args[i + 1]); break;
                case "--detail": detail = args[i + 1] == "yes"; break;
                case "--browser": fresh = args[i + 1] == "fresh"; break;
                case "--trace": trace = args[i + 1]; break;
            }
        if (sites.Count == 0)
        {
            Console.Error.WriteLine("usage: search-load --site DIR [--site DIR2]… [--query Q]… [--runs N] [--width PX] [--browser context|fresh] [--detail yes] [--trace DIR]");
            return 2;
        }
        if (queries.Count == 0) queries.Add("見守り");
        return RunAsync(sites, queries, runs, width, detail, fresh, trace).GetAwaiter().GetResult();
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("CASEBOOK_CHROMIUM") ?? "/usr/bin/chromium", Headless = true, Args = ChromiumArgs,
    });

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static async Task<int> RunAsync(List<string> sites, List<string> queries, int runs, int width, bool detail, bool fresh, string? trace)
    {
        var servers = new List<LoopbackServer>();
        try
        {
            foreach (var site in sites) servers.Add(await LoopbackServer.ServeFolderAsync(site));
            using var playwright = await Playwright.CreateAsync();
            var shared = fresh ? null : await LaunchAsync(playwright);
            for (var s = 0; s < sites.Count; s++)
            {
                Console.WriteLine($"site {(char)('A' + s)}: {sites[s]} (search page {new FileInfo(Path.Combine(sites[s], "search", "index.html")).Length:N0} bytes)");
                // One load before the measured ones, not shown: a web host is not starting up, and it has its compressed files
                // ready (StaticFolder compresses a file the first time it is asked for and keeps it).
                await WarmUpAsync(playwright, servers[s].Origin, queries[0]);
            }
            Console.WriteLine($"{Environment.ProcessorCount} cores, load {Load()}; {(fresh ? "a new chromium per run" : "one chromium, a new context per run")}, {width} px");
            var figures = new Dictionary<(int Site, string Query), List<(double Painted, double Drawn, double Wall)>>();
            foreach (var query in queries)
                for (var run = 1; run <= runs; run++)
                    for (var s = 0; s < sites.Count; s++)
                    {
                        var browser = shared ?? await LaunchAsync(playwright);
                        try
                        {
                            var label = sites.Count > 1 ? $"{(char)('A' + s)} " : "";
                            var measured = await MeasureAsync(browser, servers[s].Origin, query, run, label, width, detail, trace);
                            if (!figures.TryGetValue((s, query), out var list)) figures[(s, query)] = list = [];
                            list.Add(measured);
                        }
                        finally
                        {
                            if (shared is null) await browser.DisposeAsync();
                        }
                    }
            if (shared is not null) await shared.DisposeAsync();
            Console.WriteLine($"median per site and query (load {Load()}): first results on screen / drawn (page's clock) / wall, ms");
            foreach (var ((s, query), list) in figures.OrderBy(f => queries.IndexOf(f.Key.Query)).ThenBy(f => f.Key.Site))
                Console.WriteLine($"  {(sites.Count > 1 ? (char)('A' + s) + " " : "")}{query}: {Median(list.Select(l => l.Painted)):F0} / {Median(list.Select(l => l.Drawn)):F0} / {Median(list.Select(l => l.Wall)):F0}" +
                    $"  (runs: {string.Join(", ", list.Select(l => $"{l.Painted:F0}/{l.Drawn:F0}/{l.Wall:F0}"))})");
            return 0;
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<(double Painted, double Drawn, double Wall)> MeasureAsync(IBrowser browser, string origin, string query, int run, string label, int width, bool detail, string? trace)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        var sw = new Stopwatch();
        var markHeard = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var paintHeard = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The page calls these when search.js sets its mark and when the first result is painted; the harness notes the
        // time it hears of each (no polling).
        await page.ExposeFunctionAsync("__casebookDrawn", () => { markHeard.TrySetResult(sw.Elapsed.TotalMilliseconds); });
        await page.ExposeFunctionAsync("__casebookPainted", () => { paintHeard.TrySetResult(sw.Elapsed.TotalMilliseconds); });
        await page.AddInitScriptAsync("""
            window.__cls = 0; window.__tbt = 0;
            new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: "layout-shift", buffered: true });
            new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tbt += Math.max(0, e.duration - 50); }).observe({ type: "longtask", buffered: true });
            new PerformanceObserver((l) => { if (l.getEntries().some((e) => e.name === "search:results")) window.__casebookDrawn(); }).observe({ type: "mark" });
            window.__painted = -1;
            new PerformanceObserver((l) => {
              for (const e of l.getEntries())
                if (e.identifier === "search-first-result" && window.__painted < 0) { window.__painted = e.renderTime || e.loadTime; window.__casebookPainted(); }
            }).observe({ type: "element", buffered: true });
            """);
        var tracer = trace is null ? null : await ChromiumTrace.StartAsync(page);
        var responses = new List<IResponse>();
        var finished = new Dictionary<IRequest, double>();
        var started = new Dictionary<IRequest, double>();
        page.Response += (_, r) => { lock (responses) responses.Add(r); };
        page.Request += (_, r) => { lock (started) started[r] = sw.Elapsed.TotalMilliseconds; };
        if (detail) page.Console += (_, m) => Console.WriteLine($"    console at {sw.Elapsed.TotalMilliseconds,6:F0} ms: {m.Text}");
        page.RequestFinished += (_, r) => { lock (finished) finished[r] = sw.Elapsed.TotalMilliseconds; };
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        sw.Start();
        await page.GotoAsync(origin + "/search/?q=" + Uri.EscapeDataString(query), new() { WaitUntil = WaitUntilState.Commit });
        var markAt = await markHeard.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await page.Locator("[data-search][data-state=done]").WaitForAsync(new() { Timeout = 120_000 });
        var done = sw.Elapsed;
        // A page without Element Timing on its results (an older build) gives the mark's time instead.
        var paintAt = await Task.WhenAny(paintHeard.Task, Task.Delay(1_000)) == paintHeard.Task ? paintHeard.Task.Result : (double?)null;
        var wall = paintAt ?? markAt;
        await Task.Delay(300);
        long bytes = 0;
        var files = 0;
        var kinds = new SortedDictionary<string, (int Files, long Bytes, double End)>();
        var bodies = new Dictionary<IResponse, long>();
        foreach (var r in responses.ToList()) bodies[r] = await BodySize(r);
        foreach (var r in responses.ToList())
        {
            var size = bodies[r];
            bytes += size;
            files++;
            var kind = Kind(r.Url);
            if (detail && r.Status >= 400) Console.WriteLine($"    {r.Status} {r.Url}");
            var end = finished.GetValueOrDefault(r.Request);
            kinds[kind] = kinds.TryGetValue(kind, out var k)
                ? (k.Files + 1, k.Bytes + size, Math.Max(k.End, end)) : (1, size, end);
        }
        if (tracer is not null)
        {
            Directory.CreateDirectory(trace!);
            await tracer.StopAsync(Path.Combine(trace!, $"{label.Trim()}{query}-{run}.json"));
        }
        var cls = await page.EvaluateAsync<double>("window.__cls");
        var tbt = await page.EvaluateAsync<double>("window.__tbt");
        var count = await page.Locator("[data-search-status]").InnerTextAsync();
        // The page's own clock: when search.js had drawn the first results, from the navigation's start.
        var drawn = await page.EvaluateAsync<double>("performance.getEntriesByName('search:results')[0]?.startTime ?? -1");
        var painted = paintAt is null ? drawn : await page.EvaluateAsync<double>("window.__painted");
        Console.WriteLine($"{label}{query} run {run}: first results on screen {painted:F0} ms{(paintAt is null ? " (no Element Timing: the mark)" : "")}, drawn {drawn:F0} ms, wall {wall:F0} ms, done {done.TotalMilliseconds:F0} ms, " +
            $"{bytes / 1024.0:F0} KB in {files} responses, CLS {cls:F3}, blocking {tbt:F0} ms, load {Load()} — {count}");
        if (detail)
        {
            // Each request (start → finish, ms since navigation) and the page's own steps (performance marks
            // search-start.js and search.js set: boot, start, init (Pagefind started in the worker), search answered, results
            // drawn, counts drawn).
            const string Marks = "performance.getEntriesByType('mark').filter(m => m.name.startsWith('search:'))";
            var markTimes = await page.EvaluateAsync<double[]>(Marks + ".map(m => performance.timeOrigin + m.startTime)");
            var markNames = await page.EvaluateAsync<string[]>(Marks + ".map(m => m.name)");
            var lines = new List<(double At, string Text)>();
            // The page's own fetches by its resource timing (Playwright's events arrive in batches on a busy
            // machine); the worker's, which the page cannot see, by Playwright's (marked *).
            var timed = (await page.EvaluateAsync<string[][]>("performance.getEntriesByType('resource').map(e => [e.name, String(performance.timeOrigin + e.startTime), String(performance.timeOrigin + e.responseEnd)])"))
                .GroupBy(e => e[0]).ToDictionary(g => g.Key, g => (Start: double.Parse(g.First()[1]) - epoch, End: double.Parse(g.First()[2]) - epoch));
            var navigation = await page.EvaluateAsync<double[]>("(() => { const n = performance.getEntriesByType('navigation')[0]; return [performance.timeOrigin, performance.timeOrigin + n.requestStart, performance.timeOrigin + n.responseEnd]; })()");
            lines.Add((navigation[0] - epoch, $"      {navigation[0] - epoch,6:F0} ms  page: navigation start (the page's clock starts here)"));
            foreach (var r in responses.ToList())
            {
                var (from, to, how) = r.Url == page.Url ? (navigation[1] - epoch, navigation[2] - epoch, " ")
                    : timed.TryGetValue(r.Url, out var t) ? (t.Start, t.End, " ") : (started.GetValueOrDefault(r.Request), finished.GetValueOrDefault(r.Request), "*");
                lines.Add((from, $"      {from,6:F0} → {to,6:F0} ms{how} {bodies[r] / 1024.0,7:F1} KB  {new Uri(r.Url).AbsolutePath}"));
            }
            // The page's own milestones (navigation timing), on the same time line.
            var nav = await page.EvaluateAsync<double[]>("(() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.responseEnd, n.domInteractive, n.domContentLoadedEventEnd].map(t => performance.timeOrigin + t); })()");
            string[] navNames = ["page: first byte", "page: last byte", "page: parsed (domInteractive)", "page: DOMContentLoaded done"];
            for (var n = 0; n < nav.Length; n++) lines.Add((nav[n] - epoch, $"      {nav[n] - epoch,6:F0} ms  {navNames[n]}"));
            for (var m = 0; m < markTimes.Length; m++)
                lines.Add((markTimes[m] - epoch, $"      {markTimes[m] - epoch,6:F0} ms  mark {markNames[m]}"));
            foreach (var (_, text) in lines.OrderBy(l => l.At)) Console.WriteLine(text);
            foreach (var (kind, k) in kinds.OrderBy(k => k.Value.End))
                Console.WriteLine($"    {kind,-22} {k.Files,4} files {k.Bytes / 1024.0,8:F1} KB  last one done at {k.End,6:F0} ms");
        }
        return (painted, drawn, wall);
    }

    private static async Task WarmUpAsync(IPlaywright playwright, string origin, string query)
    {
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "ja-JP" });
        await page.GotoAsync(origin + "/search/?q=" + Uri.EscapeDataString(query));
        await page.Locator("[data-search][data-state=done]").WaitForAsync(new() { Timeout = 120_000 });
        // Every facet column, as a reader scrolling down would fetch them.
        await page.Locator("[data-search-facets] fieldset").Last.ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(500);
    }

    /// <summary>The bytes of a response's body as sent (compressed). Chromium reports none for a worker's script, so
    /// its Content-Length (the loopback server always sends one) stands in there.</summary>
    private static async Task<long> BodySize(IResponse r)
    {
        var sizes = await r.Request.SizesAsync();
        if (sizes.ResponseBodySize > 0 || r.Status != 200) return sizes.ResponseBodySize;
        return long.TryParse(await r.HeaderValueAsync("content-length"), out var length) ? length : 0;
    }

    /// <summary>What a response is, for the breakdown: the page, its own assets, or which part of Pagefind's files.</summary>
    private static string Kind(string url)
    {
        var path = new Uri(url).AbsolutePath;
        if (path.Contains("/pagefind/fragment/")) return "pagefind fragments";
        if (path.Contains("/pagefind/index/")) return "pagefind index chunks";
        if (path.Contains("/pagefind/filter/")) return "pagefind filters";
        if (path.EndsWith(".pf_meta")) return "pagefind metadata";
        if (path.Contains("/pagefind/")) return "pagefind " + Path.GetFileName(path);
        if (path.EndsWith("/")) return "page " + path;
        return "asset " + Path.GetExtension(path);
    }
}
