using System.Text.Json;
using Microsoft.Playwright;

namespace Casebook.Benchmarks;

/// <summary>Chromium's own trace of a page (DevTools protocol), written as a JSON array of events that chrome://tracing
/// and Perfetto open: what the page's thread spends its time on (parsing, script, layout, WebAssembly); beside it the
/// page's JavaScript profile (.cpuprofile, which DevTools opens): which functions that time is in.</summary>
public sealed class ChromiumTrace
{
    private readonly ICDPSession _session;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new();

    private ChromiumTrace(ICDPSession session) => _session = session;

    public static async Task<ChromiumTrace> StartAsync(IPage page)
    {
        var trace = new ChromiumTrace(await page.Context.NewCDPSessionAsync(page));
        trace._session.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            lock (trace._events) trace._events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
        };
        trace._session.Event("Tracing.tracingComplete").OnEvent += (_, _) => trace._complete.TrySetResult();
        await trace._session.SendAsync("Profiler.enable");
        await trace._session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
        await trace._session.SendAsync("Profiler.start");
        await trace._session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = new[] { "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading", "toplevel", "disabled-by-default-v8.cpu_profiler" },
            },
            ["transferMode"] = "ReportEvents",
        });
        return trace;
    }

    public async Task StopAsync(string file)
    {
        var profile = await _session.SendAsync("Profiler.stop");
        if (profile is { } p) File.WriteAllText(Path.ChangeExtension(file, ".cpuprofile"), p.GetProperty("profile").GetRawText());
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        lock (_events) File.WriteAllText(file, JsonSerializer.Serialize(_events));
    }
}
