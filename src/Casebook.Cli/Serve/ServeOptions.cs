namespace Casebook.Cli.Serve;

/// <summary>What `casebook serve` was asked for; <c>ShippedThemeDir</c> is the tool's theme, for a site without its own.</summary>
public sealed record ServeOptions(string SourceRoot, int Port = 8080, bool IncludeDrafts = true, string? ThemeDir = null, string? ShippedThemeDir = null);
