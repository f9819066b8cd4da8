using Casebook.Core;
using Casebook.Core.Output;
using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Output;

public class StagingFoldersTests
{
    [Fact]
    public void A_path_outside_the_staging_folder_stops_the_folder_thread_and_the_writer_refuses_it()
    {
        var parent = Path.Combine(Path.GetTempPath(), "casebook-folders-" + Guid.NewGuid().ToString("N")[..8]);
        var staged = Path.Combine(parent, "staged");
        Directory.CreateDirectory(staged);
        try
        {
            var folders = new StagingFolders(staged, ["a/index.html", "../evil/index.html", "b/index.html"]);
            folders.Stop();
            Assert.False(Directory.Exists(Path.Combine(parent, "evil")));
            Assert.Throws<InvalidOperationException>(() => SiteWriter.OpenText(staged, "../evil/index.html", folders));
            using (var page = SiteWriter.OpenText(staged, "b/index.html", folders)) page.Write("b");
            Assert.Equal("b", File.ReadAllText(Path.Combine(staged, "b", "index.html")));
        }
        finally
        {
            Directory.Delete(parent, true);
        }
    }

    /// <summary>A page whose folder the file system refuses (here a file stands where <c>cases/</c> must be made, put there
    /// once the staging folder exists and before the render starts) ends the build with the I/O error itself, not wrapped
    /// by the parallel render (the CLI reports I/O errors in one line), and nothing of the failed build is left: the
    /// previous site stays, the staging folder is gone.</summary>
    [Fact]
    public void An_output_error_during_the_render_is_an_IOException_and_discards_the_staging_folder()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        Assert.True(site.Build().Success);
        var before = site.ReadOutput("cases/alpha/index.html");
        var blocked = false;
        // The stage after the staging folder is made and before the render ("search records" runs when search is asked
        // for; without the search tools it is skipped at once).
        var options = new BuildOptions(site.Root, site.Output, ThemeDir: Repo.Theme, Search: true, SearchTools: SearchTools.None);
        Assert.ThrowsAny<IOException>(() => Pipeline.Run(options, stage =>
        {
            if (stage != "search records") return;
            var staged = Assert.Single(Directory.GetDirectories(site.Root), d => Path.GetFileName(d).Contains(".tmp-"));
            File.WriteAllText(Path.Combine(staged, "cases"), "a file, not a folder");
            blocked = true;
        }));
        Assert.True(blocked);
        Assert.Equal(before, site.ReadOutput("cases/alpha/index.html"));
        Assert.DoesNotContain(Directory.GetDirectories(site.Root), d => Path.GetFileName(d).Contains(".tmp-"));
    }
}
