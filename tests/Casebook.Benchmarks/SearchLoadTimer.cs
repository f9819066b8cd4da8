using System.Diagnostics;
using Casebook.Publishing.Hosting;
using Microsoft.Playwright;

namespace Casebook.Benchmarks;

/// <summary>
/// The search page as a reader meets it: a cold chromium (new browser, empty cache) opens /search/?q=… on loopback;
/// prints the time until the first result is on screen, the bytes of every response (page, scripts, Pagefind's
/// files), the cumulative layout shift and the long tasks' blocking time (as Lighthouse sums them, over 50 ms).
///   search-load --site DIR [--query 見守り] [--runs 3] [--width 1280]
/// </summary>
public static class SearchLoadTimer
{
    public static int Run(string[] args)
    {
        string? site = null;
        var queries = new List<string>();
        var runs = 3;
        var width = 1280;
        for (var i = 0; i + 1 < args.Length; i += 2)
            switch (args[i])
            {
                case "--site": site = args[i + 1]; break;
                case "--query": queries.Add(args[i + 1]); break;
                case "--runs": runs = int.Parse(args[i + 1]); break;
                case "--width": width = int.Parse(args[i + 1]); break;
            }
        if (site is null) { Console.Error.WriteLine("usage: search-load --site DIR [--query Q]… [--runs N] [--width PX]"); return 2; }
        if (queries.Count == 0) queries.Add("見守り");
        return RunAsync(site, queries, runs, width).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string site, List<string> queries, int runs, int width)
    {
        await using var server = await LoopbackServer.ServeFolderAsync(site);
        using var playwright = await Playwright.CreateAsync();
        Console.WriteLine($"search page {new FileInfo(Path.Combine(site, "search", "index.html")).Length:N0} bytes; {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        foreach (var query in queries)
            for (var run = 1; run <= runs; run++)
            {
                await using var browser = await playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = Environment.GetEnvironmentVariable("CASEBOOK_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
                });
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "ja-JP" });
                await page.AddInitScriptAsync("""
                    window.__cls = 0; window.__tbt = 0;
                    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: "layout-shift", buffered: true });
                    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tbt += Math.max(0, e.duration - 50); }).observe({ type: "longtask", buffered: true });
                    """);
                var responses = new List<IResponse>();
                page.Response += (_, r) => { lock (responses) responses.Add(r); };
                var sw = Stopwatch.StartNew();
                await page.GotoAsync(server.Origin + "/search/?q=" + Uri.EscapeDataString(query), new() { WaitUntil = WaitUntilState.Commit });
                await page.Locator(".search-result").First.WaitForAsync(new() { Timeout = 120_000 });
                var firstResult = sw.Elapsed;
                await page.Locator("[data-search][data-state=done]").WaitForAsync(new() { Timeout = 120_000 });
                var done = sw.Elapsed;
                await Task.Delay(300);
                long bytes = 0;
                var files = 0;
                foreach (var r in responses.ToList())
                {
                    var sizes = await r.Request.SizesAsync();
                    bytes += sizes.ResponseBodySize;
                    files++;
                }
                var cls = await page.EvaluateAsync<double>("window.__cls");
                var tbt = await page.EvaluateAsync<double>("window.__tbt");
                var count = await page.Locator("[data-search-status]").InnerTextAsync();
                Console.WriteLine($"{query} run {run}: first result {firstResult.TotalMilliseconds:F0} ms, done {done.TotalMilliseconds:F0} ms, " +
                    $"{bytes / 1024.0:F0} KB in {files} responses, CLS {cls:F3}, blocking {tbt:F0} ms — {count}");
            }
        return 0;
    }
}
