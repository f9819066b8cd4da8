using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary>The casebook command as a user runs it: exit codes and printed diagnostics.</summary>
[Trait("Category", "Cli")]
public class CliTests
{
    [Fact]
    public async Task Check_exits_0_for_valid_and_1_for_invalid_content()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var ok = await CliRunner.InAsync(site.Root, "check");
        Assert.Equal(0, ok.ExitCode);
        site.Write("input/cases/beta.md", "---\ntitle: x\norganization: y\nfiscal_year: 2022\nvolume: vol-a\nelements: [8]\n---\n");
        var bad = await CliRunner.InAsync(site.Root, "check", "--source", site.Root);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("input/cases/beta.md(6,", bad.Stdout);
        Assert.Contains("error CB1201", bad.Stdout);
        Assert.DoesNotContain("   at ", bad.Stdout + bad.Stderr);
    }

    [Fact]
    public async Task Build_writes_to_output_and_usage_errors_exit_2()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var outDir = Path.Combine(site.Root, "public");
        var r = await CliRunner.InAsync(site.Root, "build", "--source", site.Root, "--output", outDir, "--no-search");
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "cases", "alpha", "index.html")));
        var missing = await CliRunner.InAsync(site.Root, "build", "--source", Path.Combine(site.Root, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "build", "--no-such-option")).ExitCode);
    }

    [Fact]
    public async Task Usage_messages_are_japanese_and_a_mistyped_command_gets_a_suggestion()
    {
        var typo = await CliRunner.InAsync(Path.GetTempPath(), "buld");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("コマンド「buld」はありません。（もしかして「build」？）", typo.Stderr);
        var help = await CliRunner.InAsync(Path.GetTempPath(), "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("使い方を表示します", help.Stdout);
        Assert.Contains("オプション", help.Stdout);
        Assert.DoesNotContain("Show help", help.Stdout);
    }

    [Fact]
    public async Task New_case_writes_a_skeleton_that_checks_clean()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var r = await CliRunner.InAsync(site.Root, "new", "case", "--volume", "vol-a", "--title", "新しい「事例」: テスト", "--id", "gamma");
        Assert.Equal(0, r.ExitCode);
        var path = Path.Combine(site.Root, "input", "cases", "vol-a", "gamma.md");
        Assert.True(File.Exists(path));
        Assert.Contains("新しい「事例」: テスト", File.ReadAllText(path));
        var check = await CliRunner.InAsync(site.Root, "check", "--drafts");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "new", "case", "--volume", "vol-x", "--title", "t")).ExitCode);
    }
}
