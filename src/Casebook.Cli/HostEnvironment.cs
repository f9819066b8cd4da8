using Casebook.Core.Search;

namespace Casebook.Cli;

/// <summary>What the tool takes from its process (environment variables) and its install folder, read here once
/// and passed into Core and Publishing as options.</summary>
public static class HostEnvironment
{
    /// <summary>The theme installed with the tool: used by a site that has no theme/ of its own.</summary>
    public static string ShippedThemeDir => Path.Combine(AppContext.BaseDirectory, "theme");

    public static SearchTools SearchTools() => new(
        Environment.GetEnvironmentVariable("PATH") ?? "",
        NonEmpty(PagefindIndexer.EnvTools),
        NonEmpty(PagefindIndexer.EnvBinary),
        AppContext.BaseDirectory);

    /// <summary>CASEBOOK_CHROMIUM: a Chromium elsewhere than the Debian package's.</summary>
    public static string? Chromium => NonEmpty("CASEBOOK_CHROMIUM");

    /// <summary>SOURCE_DATE_EPOCH, the reproducible-builds convention: the PDF's dates.</summary>
    public static string? SourceDateEpoch => NonEmpty("SOURCE_DATE_EPOCH");

    /// <summary>CASEBOOK_TIMINGS=1 prints each stage's time after the summary.</summary>
    public static bool StageTimings => Environment.GetEnvironmentVariable("CASEBOOK_TIMINGS") == "1";

    private static string? NonEmpty(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
