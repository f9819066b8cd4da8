using System.Text.RegularExpressions;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Architecture;

/// <summary>The direction of dependencies docs/architecture.md states, read from the source: which folders (namespaces)
/// of Casebook.Core each folder's code names, through using directives or qualified names. Comments are left out.</summary>
public partial class DependencyDirectionTests
{
    private static readonly string[] Shared = ["Model", "Diagnostics", "Text", "Threading"];

    /// <summary>What each folder may use besides <see cref="Shared"/>: the stages before it. Folders not listed here
    /// (Incremental, the root's Pipeline) run the stages and may use any of them.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Diagnostics"] = [],
        ["Text"] = [],
        ["Threading"] = [],
        ["Model"] = ["Imaging", "Search"],          // the image catalog and casebook.yml's search settings are part of the content
        ["Imaging"] = [],
        ["Loading"] = ["Imaging", "Search"],        // search settings are read with casebook.yml
        ["Binding"] = ["Loading"],
        ["Validation"] = ["Loading", "Binding"],
        ["Graph"] = ["Loading", "Binding", "Validation", "Imaging"],
        ["Rendering"] = ["Loading", "Binding", "Validation", "Imaging", "Graph", "Search"],   // the search page shows Search's facets
        ["Search"] = ["Loading", "Binding", "Validation", "Imaging", "Graph", "Rendering"],  // records are made from the view models
        ["PostProcessing"] = ["Loading", "Binding", "Validation", "Imaging", "Graph", "Rendering"],
        ["Output"] = ["Loading", "Binding", "Validation", "Imaging", "Graph", "Rendering", "Search", "PostProcessing"],
        ["Editing"] = ["Loading", "Binding"],
        ["Importing"] = [],
        ["Scaffolding"] = [],
    };

    private static readonly string[] Folders = [.. Allowed.Keys, "Incremental"];

    [Fact]
    public void Each_folder_uses_only_the_stages_before_it()
    {
        var core = Path.Combine(Repo.Root, "src", "Casebook.Core");
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
            var slash = relative.IndexOf('/');
            if (slash < 0) continue;   // the root: Pipeline, which runs every stage
            var folder = relative[..slash];
            Assert.True(Folders.Contains(folder), $"{relative}: folder {folder} is not in the architecture (add it to docs/architecture.md and this test)");
            if (!Allowed.TryGetValue(folder, out var allowed)) continue;
            foreach (var used in Uses(File.ReadAllText(file)))
                if (used != folder && !Shared.Contains(used) && !allowed.Contains(used))
                    problems.Add($"{relative} uses {used}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void Core_references_no_browser_driver_or_web_server()
    {
        var references = typeof(Casebook.Core.Pipeline).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.Playwright", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n == "System.Net.HttpListener");
    }

    [Fact]
    public void Finds_uses_in_using_directives_and_qualified_names()
    {
        Assert.Equal(["Output", "Graph", "Search"], Uses("using Casebook.Core.Output;\nvar x = Graph.SiteFiles.ReaderTags;\n// PostProcessing.LinkCheck\nCasebook.Core.Search.SearchSettings s;"));
        Assert.Empty(Uses("var v = content.Settings.Search.Variants; /* Output.X */ var t = token.Text.Length;"));
    }

    /// <summary>The Core folders a source file names, comments removed.</summary>
    private static List<string> Uses(string source)
    {
        var code = Comment().Replace(source, "");
        var names = new List<string>();
        foreach (Match m in Reference().Matches(code))
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (Folders.Contains(name) && !names.Contains(name)) names.Add(name);
        }
        return names;
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"Casebook\.Core\.(\w+)|(?<![\w.])([A-Z]\w+)\.[A-Z]")]
    private static partial Regex Reference();
}
