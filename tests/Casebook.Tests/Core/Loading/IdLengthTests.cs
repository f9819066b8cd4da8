using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Loading;

/// <summary>An id names a folder or file of the site; one too long for a file name is CB1106 at the id (or the file),
/// reported with the build's other diagnostics, not an I/O error part-way through writing.</summary>
public class IdLengthTests
{
    private static string FileOf(string txtar) => txtar[(txtar.IndexOf('\n') + 1)..];

    [Fact]
    public void A_case_id_too_long_for_a_folder_name_is_CB1106_at_the_id_and_the_other_problems_are_reported_too()
    {
        var id = new string('a', 300);
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("elements: [1, 2]", "elements: [1, 9]"));
        site.Write("input/cases/long.md", FileOf(FixtureSite.Case("long", extra: "id: " + id)));
        var r = site.Build();
        Assert.False(r.Success);
        var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.IdTooLong);
        var idLine = File.ReadAllLines(Path.Combine(site.Root, "input/cases/long.md")).ToList().FindIndex(l => l.StartsWith("id: ", StringComparison.Ordinal)) + 1;
        Assert.Equal(new SourceSpan("input/cases/long.md", idLine, 5), error.Span);
        Assert.Matches(@"^input/cases/long\.md\(\d+,5\): error CB1106: ID「a{20}…」が長すぎます（300 文字）。.*244 文字以内", error.ToString());
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.UnknownTerm && d.Span.Path == "input/cases/beta.md");
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.InvalidId);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void An_id_of_the_longest_allowed_length_builds_and_one_more_character_does_not()
    {
        var longest = new string('b', ConfigLoader.MaxIdLength);
        using (var site = new FixtureSite(FixtureSite.Config.Replace("id: vol-a", "id: " + longest).Replace("cases: [alpha, beta]", $"cases: [alpha, {longest}]")
            + "\n" + FixtureSite.Case("alpha", volume: longest) + "\n" + FixtureSite.Case("beta", extra: "id: " + longest, volume: longest)))
        {
            var r = site.Build();
            Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
            Assert.True(site.OutputExists($"cases/{longest}/index.html"));
            Assert.True(site.OutputExists($"volumes/{longest}/{longest}-cases.json"));
        }
        using (var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta", extra: "id: " + longest + "b")))
        {
            var r = site.Build();
            Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.IdTooLong && d.Span.Path == "input/cases/beta.md");
        }
    }

    [Fact]
    public void A_volume_id_too_long_is_CB1106_in_casebook_yml()
    {
        var id = new string('v', ConfigLoader.MaxIdLength + 1);
        using var site = new FixtureSite(FixtureSite.Config.Replace("id: vol-a", "id: " + id) + "\n" + FixtureSite.Case("alpha", volume: id));
        var r = site.Build();
        Assert.False(r.Success);
        var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.IdTooLong);
        Assert.Equal("casebook.yml", error.Span.Path);
        Assert.Equal(File.ReadAllLines(Path.Combine(site.Root, "casebook.yml")).ToList().FindIndex(l => l.Contains(id, StringComparison.Ordinal)) + 1, error.Span.Line);
        Assert.Contains("巻の ID", error.Message);
    }

    [Fact]
    public void An_id_taken_from_a_long_file_name_is_CB1106_at_the_file()
    {
        var name = new string('c', 250);
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha"));
        site.Write($"input/cases/{name}.md", FileOf(FixtureSite.Case("x")));
        var r = site.Build();
        var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.IdTooLong);
        Assert.Equal(new SourceSpan($"input/cases/{name}.md", 1, 1), error.Span);
        Assert.Contains("ファイル名からつくる ID", error.Message);
    }
}
