using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Search;

/// <summary>The search stage as `casebook build` runs it.</summary>
[Trait("Category", "Cli")]
public class SearchCliTests
{
    private static readonly string Site = FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta");

    [Fact]
    public async Task Build_indexes_the_written_site_and_no_search_skips_it()
    {
        using var site = new FixtureSite(Site);
        var run = await CliRunner.RunAsync(["build", "--source", site.Root]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("検索インデックス: 2 ページ", run.Stdout);
        Assert.True(site.OutputExists("pagefind/pagefind.js"));
        Assert.True(site.OutputExists("pagefind/pagefind-entry.json"));

        var skipped = await CliRunner.RunAsync(["build", "--source", site.Root, "--no-search"]);
        Assert.Equal(0, skipped.ExitCode);
        Assert.DoesNotContain("検索", skipped.Stdout);
        Assert.False(site.OutputExists("pagefind/pagefind.js"));
    }

    [Fact]
    public async Task Without_node_the_build_succeeds_and_says_once_that_search_was_skipped()
    {
        using var site = new FixtureSite(Site + "\n-- tools-empty/package-lock.json --\n{}\n-- tools-empty/package.json --\n{}\n");
        var env = new Dictionary<string, string>
        {
            ["PATH"] = Path.Combine(site.Root, "no-node-here"),
            [PagefindIndexer.EnvTools] = Path.Combine(site.Root, "tools-empty"),
            [PagefindIndexer.EnvBinary] = "",
        };
        var run = await CliRunner.RunAsync(["build", "--source", site.Root], environment: env);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = (run.Stdout + run.Stderr).Split('\n').Where(l => l.Contains("Node.js", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains("npm", lines[0]);
        Assert.True(site.OutputExists("index.html"));
        Assert.False(site.OutputExists("pagefind/pagefind.js"));
    }
}
