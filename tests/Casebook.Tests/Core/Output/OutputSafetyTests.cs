using Casebook.Core.Diagnostics;
using Casebook.Core.Output;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Output;

public class OutputSafetyTests
{
    [Theory]
    [InlineData("../../evil")]
    [InlineData("/etc/evil")]
    [InlineData("a/../../b")]
    [InlineData("C:\\\\evil")]
    public void Ids_that_are_paths_are_rejected(string id)
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + "\n" +
            $"-- input/cases/x.md --\n---\nid: \"{id}\"\ntitle: t\norganization: o\nfiscal_year: 2022\n---\n");
        var r = site.Build();
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.InvalidId && d.Span.Path == "input/cases/x.md");
        Assert.False(r.Success);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "evil")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(site.Root)!, "evil")));
    }

    [Fact]
    public void The_writer_refuses_paths_outside_its_root()
    {
        var root = Path.GetFullPath(Path.GetTempPath()) + "casebook-root" + Path.DirectorySeparatorChar;
        Assert.Throws<InvalidOperationException>(() => SiteWriter.SafePath(root, "../outside.html"));
        Assert.Throws<InvalidOperationException>(() => SiteWriter.SafePath(root, "/etc/passwd"));
        Assert.StartsWith(root, SiteWriter.SafePath(root, "cases/a/index.html"));
    }

    [Fact]
    public void Output_is_swapped_in_whole_and_leaves_no_temporary_folders()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        File.WriteAllText(Path.Combine(site.Root, "stale.txt"), "x");
        Directory.CreateDirectory(site.Output);
        File.WriteAllText(Path.Combine(site.Output, "stale.html"), "old");
        Assert.True(site.Build().Success);
        Assert.False(site.OutputExists("stale.html"));
        Assert.DoesNotContain(Directory.GetDirectories(site.Root), d => Path.GetFileName(d).Contains(".tmp-") || Path.GetFileName(d).Contains(".old-"));
    }
}
