using Casebook.Core.Graph;

namespace Casebook.Cli.Serve;

/// <summary>One successful build held in memory. Swapped whole, so a request sees one build or the other.</summary>
public sealed record SiteSnapshot(int Version, IReadOnlyDictionary<string, byte[]> Files, SiteGraph Graph,
    IReadOnlyDictionary<string, string> CaseByFile, string ThemeDir, IReadOnlyDictionary<string, string> Strings);
