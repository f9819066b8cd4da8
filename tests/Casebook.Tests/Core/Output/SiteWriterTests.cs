using System.Text;
using Casebook.Core.Output;

namespace Casebook.Tests.Core.Output;

public class SiteWriterTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "casebook-writer-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_parent)) Directory.Delete(_parent, true);
    }

    [Fact]
    public void Exports_are_created_in_the_staging_folder_with_their_bytes()
    {
        var staged = SiteWriter.Begin(Path.Combine(_parent, "_site"));
        var folders = new StagingFolders(staged, ["data/cases.json", "cases/alpha/index.html"]);
        var json = Encoding.UTF8.GetBytes("{\"cases\":[\"事例\"]}\n");
        SiteWriter.Write(staged, new OutputFile("data/cases.json", json), folders);
        SiteWriter.Write(staged, new OutputFile("feeds/atom.xml", [1, 2, 3]), folders);   // a folder not in the list
        folders.Stop();
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(staged, "data", "cases.json")));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(staged, "feeds", "atom.xml")));
        Assert.Throws<InvalidOperationException>(() => SiteWriter.Write(staged, new OutputFile("../outside.json", [1]), folders));
        Assert.False(File.Exists(Path.Combine(_parent, "outside.json")));
    }

    /// <summary>Files are created, not truncated, but a path written twice still holds exactly the second bytes
    /// (no tail of the longer first write).</summary>
    [Fact]
    public void A_path_written_twice_holds_only_the_second_write()
    {
        var staged = SiteWriter.Begin(Path.Combine(_parent, "_site"));
        var folders = new StagingFolders(staged, []);
        folders.Stop();
        SiteWriter.Write(staged, new OutputFile("data/tags.json", Encoding.UTF8.GetBytes("[\"長い方の内容です\"]")), folders);
        SiteWriter.Write(staged, new OutputFile("data/tags.json", Encoding.UTF8.GetBytes("[]")), folders);
        Assert.Equal("[]", File.ReadAllText(Path.Combine(staged, "data", "tags.json")));
        using (var page = SiteWriter.OpenText(staged, "cases/alpha/index.html", folders)) page.Write("<p>最初のページ、長め</p>");
        using (var page = SiteWriter.OpenText(staged, "cases/alpha/index.html", folders)) page.Write("<p>短い</p>");
        Assert.Equal("<p>短い</p>", File.ReadAllText(Path.Combine(staged, "cases", "alpha", "index.html")));
    }

    /// <summary>Assets are created in the staging folder as pages are, not copied with their source's permissions: a photo an
    /// editor's tool saved readable only by its owner is published readable like every page, and a path copied twice
    /// (a site asset over the theme's) holds exactly the second file.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // Unix permissions
    public void Asset_copies_are_created_like_pages_whatever_their_sources_permissions()
    {
        var staged = SiteWriter.Begin(Path.Combine(_parent, "_site"));
        var folders = new StagingFolders(staged, []);
        folders.Stop();
        var sources = Path.Combine(_parent, "input");
        Directory.CreateDirectory(sources);
        var photo = Path.Combine(sources, "photo.jpg");
        var bytes = new byte[200_000];   // more than one read
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(photo, bytes);
        File.SetUnixFileMode(photo, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (themeCss, siteCss) = (Path.Combine(sources, "theme.css"), Path.Combine(sources, "site.css"));
        File.WriteAllText(themeCss, "body { color: black; } /* the theme's, longer */");
        File.WriteAllText(siteCss, "body{}");

        SiteWriter.Copy(staged, [("assets/cases/a/photo.jpg", photo), ("assets/css/site.css", themeCss), ("assets/css/site.css", siteCss)]);
        using (var page = SiteWriter.OpenText(staged, "cases/a/index.html", folders)) page.Write("<p>事例</p>");

        var copied = Path.Combine(staged, "assets", "cases", "a", "photo.jpg");
        Assert.Equal(bytes, File.ReadAllBytes(copied));
        Assert.Equal(File.GetUnixFileMode(Path.Combine(staged, "cases", "a", "index.html")), File.GetUnixFileMode(copied));
        Assert.Equal("body{}", File.ReadAllText(Path.Combine(staged, "assets", "css", "site.css")));
        Assert.Throws<InvalidOperationException>(() => SiteWriter.Copy(staged, [("../outside.css", siteCss)]));
        Assert.False(File.Exists(Path.Combine(_parent, "outside.css")));
    }
}
