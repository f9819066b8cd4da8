using Casebook.Core.Scaffolding;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Scaffolding;

public class NewVolumeTests
{
    private static readonly VolumeScaffold.NewVolume Spec = new("city-r5", "〇〇市 \"令和5年度\" 事例集", 2023, "〇〇市社協", 7);

    [Fact]
    public void Appends_to_the_volumes_list_and_leaves_everything_else_alone()
    {
        const string before = """
            # 設定
            site:
              title: テスト   # 題名

            volumes:
                # 古い巻
                - id: old
                  title: 古い巻
                  publisher: 市社協
                  fiscal_year: 2020

            # 分類
            taxonomies:
              tags: { label: テーマ, closed: false }

            """;
        var after = VolumeScaffold.AddToConfig(before, Spec);
        var expected = before.Replace("""
                  fiscal_year: 2020

            """, """
                  fiscal_year: 2020
                - id: city-r5
                  title: "〇〇市 \"令和5年度\" 事例集"
                  publisher: "〇〇市社協"
                  fiscal_year: 2023
                  number: 7
                  elements_basis: editorial
                  pillars_basis: editorial
                  cases: []

            """);
        Assert.Equal(expected, after);
    }

    [Fact]
    public void Keeps_crlf_line_ends_and_the_bom_and_handles_missing_or_empty_lists()
    {
        var crlf = "\uFEFFsite:\r\n  title: t\r\nvolumes: []\r\n";
        var after = VolumeScaffold.AddToConfig(crlf, Spec);
        Assert.StartsWith("\uFEFFsite:\r\n  title: t\r\nvolumes:\r\n  - id: city-r5\r\n", after);
        Assert.DoesNotContain("\n", after.Replace("\r\n", ""));

        var none = VolumeScaffold.AddToConfig("site:\n  title: t\n", Spec);
        Assert.StartsWith("site:\n  title: t\n\nvolumes:\n  - id: city-r5\n", none);
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Cli_scaffolds_a_volume_that_builds()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var original = File.ReadAllText(Path.Combine(site.Root, "casebook.yml"));
        var run = await CliRunner.RunAsync(["new", "volume", "--source", site.Root, "--id", "city-r5", "--title", "〇〇市 事例集", "--fiscal-year", "2023"]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        var config = File.ReadAllText(Path.Combine(site.Root, "casebook.yml"));
        Assert.StartsWith(original.TrimEnd('\n'), config);
        Assert.Contains("publisher: \"テスト市社協\"", config); // taken from the newest volume
        Assert.True(File.Exists(Path.Combine(site.Root, "input", "volumes", "city-r5.md")));

        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        var cover = site.Html("volumes/city-r5/index.html").QuerySelector(".cover")!.TextContent;
        Assert.Contains("〇〇市 事例集", cover);
        Assert.Contains("令和5年度", cover);

        // A second run refuses the duplicate and changes nothing.
        var again = await CliRunner.RunAsync(["new", "volume", "--source", site.Root, "--id", "city-r5", "--title", "x", "--fiscal-year", "2023"]);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(config, File.ReadAllText(Path.Combine(site.Root, "casebook.yml")));

        var badId = await CliRunner.RunAsync(["new", "volume", "--source", site.Root, "--id", "City R5", "--title", "x", "--fiscal-year", "2023"]);
        Assert.Equal(2, badId.ExitCode);
    }
}
