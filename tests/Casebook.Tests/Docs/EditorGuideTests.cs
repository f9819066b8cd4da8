using System.Reflection;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Docs;

/// <summary>The Japanese editor's guide (docs/ja/) keeps up with the tool: every diagnostic code the tool defines has
/// its section (with an example and a fix), and every field the loaders read is documented on its page.</summary>
public partial class EditorGuideTests
{
    private static string Guide(string page) => File.ReadAllText(Path.Combine(Repo.Root, "docs", "ja", page));

    private static IReadOnlyList<string> DefinedCodes() =>
        typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Distinct().Order().ToList();

    [Fact]
    public void Every_code_the_tool_defines_has_a_section_with_an_example_and_a_fix_and_no_other()
    {
        var guide = Guide("diagnostics.md");
        var sections = Regex.Matches(guide, @"(?m)^### (CB\d{4}) (.+?)\n(.*?)(?=^##|\z)", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[3].Value);
        var defined = DefinedCodes();
        Assert.True(defined.Count >= 30, "DiagnosticCodes read by reflection");
        var missing = defined.Except(sections.Keys).ToList();
        Assert.True(missing.Count == 0, "docs/ja/diagnostics.md has no section for " + string.Join(", ", missing));
        var unknown = sections.Keys.Except(defined).ToList();
        Assert.True(unknown.Count == 0, "docs/ja/diagnostics.md documents codes the tool does not define: " + string.Join(", ", unknown));
        foreach (var (code, text) in sections)
        {
            Assert.True(text.Contains("誤り", StringComparison.Ordinal), $"{code}: no bad example (誤り)");
            Assert.True(text.Contains("直し方", StringComparison.Ordinal), $"{code}: no fix (直し方)");
        }
    }

    [Fact]
    public void Every_code_is_in_the_developer_table_too()
    {
        var table = File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md"));
        var missing = DefinedCodes().Where(c => !table.Contains($"| {c} |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md has no row for " + string.Join(", ", missing));
    }

    /// <summary>Field names the loaders read: string literals passed to YamlMap's readers (and helpers such as
    /// Refs(map, "tags")). A field added to a loader fails this test until the guide shows it.</summary>
    [Theory]
    [InlineData("cases.md", "CaseLoader.cs")]
    [InlineData("volumes.md", "ConfigLoader.cs", "PrintSettingsLoader.cs", "VolumeFileLoader.cs", "GlossaryLoader.cs", "PageLoader.cs", "LessonLoader.cs")]
    [InlineData("checklists.md", "ChecklistLoader.cs")]
    public void Every_field_the_loaders_read_is_in_the_guide(string page, params string[] loaders)
    {
        var guide = Guide(page);
        var fields = loaders
            .SelectMany(l => FieldRead().Matches(File.ReadAllText(Path.Combine(Repo.Root, "src", "Casebook.Core", "Loading", l))))
            .Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Contains("title", fields);
        var missing = fields.Where(f => !guide.Contains($"`{f}`", StringComparison.Ordinal) && !Regex.IsMatch(guide, $@"(?m)^\s*(- )?{f}:")).ToList();
        Assert.True(missing.Count == 0, $"docs/ja/{page} does not show these fields: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_guide_is_linked_from_the_readme_and_its_pages_from_its_index()
    {
        Assert.Contains("docs/ja/README.md", File.ReadAllText(Path.Combine(Repo.Root, "README.md")));
        var index = Guide("README.md");
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Repo.Root, "docs", "ja"), "*.md").Select(Path.GetFileName).Where(p => p != "README.md"))
            Assert.Contains($"({page})", index);
    }

    [GeneratedRegex(@"\w+\((?:\w+\??,\s*)?""([a-z][a-z_]*)""")]
    private static partial Regex FieldRead();
}
