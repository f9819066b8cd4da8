using Casebook.Core.Editing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Editing;

public class SourceFileWriterTests
{
    [Fact]
    public void Only_files_under_input_can_be_written()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha"));
        var yml = File.ReadAllBytes(Path.Combine(site.Root, "casebook.yml"));
        var hash = SourceFileWriter.Hash(yml);
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.Write(site.Root, "casebook.yml", [1], hash));
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.Write(site.Root, "input/../casebook.yml", [1], hash));
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.Write(site.Root, Path.Combine(site.Root, "input", "..", "casebook.yml"), [1], hash));
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.Write(site.Root, "/etc/passwd", [1], hash));
        Assert.Equal(yml, File.ReadAllBytes(Path.Combine(site.Root, "casebook.yml")));
    }

    [Fact]
    public void Symbolic_links_inside_input_are_refused()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha"));
        var outside = Path.Combine(site.Root, "outside.md");
        File.WriteAllText(outside, "---\ntitle: x\n---\n");
        var link = Path.Combine(site.Root, "input", "cases", "link.md");
        File.CreateSymbolicLink(link, outside);
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.Write(site.Root, link, [1], SourceFileWriter.Hash(File.ReadAllBytes(outside))));
        Directory.CreateSymbolicLink(Path.Combine(site.Root, "input", "linked"), site.Root);
        Assert.Throws<FrontMatterEditException>(() => SourceFileWriter.CheckEditable(site.Root, "input/linked/outside.md"));
        Assert.Equal("---\ntitle: x\n---\n", File.ReadAllText(outside));
    }

    [Fact]
    public void Writes_atomically_and_refuses_stale_hashes()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha"));
        var path = Path.Combine(site.Root, "input", "cases", "alpha.md");
        var before = File.ReadAllBytes(path);
        var ex = Assert.Throws<EditConflictException>(() => SourceFileWriter.Write(site.Root, path, [65], SourceFileWriter.Hash([1, 2, 3])));
        Assert.Equal(SourceFileWriter.Hash(before), ex.CurrentHash);
        Assert.Equal(before, File.ReadAllBytes(path));
        SourceFileWriter.Write(site.Root, path, [65, 10], SourceFileWriter.Hash(before));
        Assert.Equal([65, 10], File.ReadAllBytes(path));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }
}
