using System.Diagnostics;
using Microsoft.Playwright;

namespace Casebook.Tests.Support;

/// <summary>One headless Debian chromium for the whole test run, driven by Playwright's .NET driver.
/// scripts/test.sh installs chromium; without it these tests fail with a clear message.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const float ActionTimeout = 60_000;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CASEBOOK_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
            throw new InvalidOperationException($"Chromium not found at {path}. Run scripts/test.sh (it installs Debian's chromium) or set CASEBOOK_CHROMIUM.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // Generous waits: CI shares two cores with other work, and a starved Chromium can take many seconds for
        // what usually takes milliseconds. Every wait ends as soon as its condition holds.
        Assertions.SetDefaultExpectTimeout(ActionTimeout);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page whose context blocks and records every request outside <paramref name="origin"/>.</summary>
    public async Task<(IPage Page, List<string> Outside)> NewPageAsync(string origin)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, Locale = "ja-JP" });
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (url.StartsWith(origin, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
                await route.ContinueAsync();
            else
            {
                lock (outside) outside.Add(url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        return (page, outside);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SampleSiteFixture>;

/// <summary>The repository's sample site, built once (with the search index when Pagefind is available)
/// into a temporary folder and served on loopback.</summary>
public sealed class SampleSiteFixture : IAsyncLifetime
{
    public string Output { get; } = Path.Combine(Path.GetTempPath(), "casebook-sample-" + Guid.NewGuid().ToString("N")[..8]);
    public Casebook.Publishing.Hosting.LoopbackServer Server { get; private set; } = null!;
    public string Origin => Server.Origin;

    public async Task InitializeAsync()
    {
        // With the search index, as `casebook build` makes it. A missing Node.js skips the index without failing
        // the build, so tests that don't search still run there.
        var result = Casebook.Core.Pipeline.Run(new Casebook.Core.BuildOptions(Repo.Root, Output, Search: true, SearchTools: Casebook.Cli.HostEnvironment.SearchTools()));
        if (!result.Success)
            throw new InvalidOperationException("sample site failed to build:\n" + string.Join("\n", result.Diagnostics));
        Search = result.Search;
        Server = await Casebook.Publishing.Hosting.LoopbackServer.ServeFolderAsync(Output);
    }

    /// <summary>What the search stage did for this build; search tests require <c>Indexed</c>.</summary>
    public Casebook.Core.Search.SearchIndexResult? Search { get; private set; }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        try { Directory.Delete(Output, true); } catch (IOException) { }
    }
}

/// <summary>The browser contexts opened during one test, through <see cref="BrowserFixture.NewPageAsync"/> or directly, so
/// the test class can close them when the test ends: a context left open keeps its pages, their workers and timers
/// running through the tests after it. The tests of the "browser" collection run one at a time, so the contexts opened
/// during a test are those the browser did not have when the test class was made.</summary>
public sealed class OpenedContexts(IBrowser browser)
{
    private readonly HashSet<IBrowserContext> _before = browser.Contexts.ToHashSet();

    public IReadOnlyList<IBrowserContext> Opened => browser.Contexts.Where(c => !_before.Contains(c)).ToList();

    public async Task CloseAsync()
    {
        foreach (var context in Opened) await context.CloseAsync();
    }
}
