namespace Casebook.Core.Search;

/// <summary>Where the search stage finds its programs. The host fills it (the CLI from PATH, its environment
/// variables and its install folder); the pipeline reads nothing from the process itself.</summary>
/// <param name="SearchPath">Folders to look for node and npm in (PATH's form).</param>
/// <param name="ToolsDir">A tools/search folder to use as it is (CASEBOOK_SEARCH_TOOLS).</param>
/// <param name="PagefindBinary">Another Pagefind binary for the Node API to run (CASEBOOK_PAGEFIND).</param>
/// <param name="InstallDir">Where the tool is installed: a tools/search above it, or its search-tools folder.</param>
public sealed record SearchTools(string SearchPath, string? ToolsDir = null, string? PagefindBinary = null, string? InstallDir = null)
{
    /// <summary>Nothing configured and no PATH: the search stage is skipped with a notice.</summary>
    public static readonly SearchTools None = new("");
}
