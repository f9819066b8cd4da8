using System.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>The casebook command as a user runs it: exit codes and printed diagnostics.</summary>
public class CliTests
{
    /// <summary>The CLI from its own build output (its runtimeconfig, not the test project's).</summary>
    public static string CliPath
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(Repo.Root, "src", "Casebook.Cli", "bin", config, "net10.0", "casebook.dll");
        }
    }

    public static (int Code, string Out, string Err) Run(string workingDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(CliPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Check_exits_0_for_valid_and_1_for_invalid_content()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var ok = Run(site.Root, "check");
        Assert.Equal(0, ok.Code);
        site.Write("input/cases/beta.md", "---\ntitle: x\norganization: y\nfiscal_year: 2022\nvolume: vol-a\nelements: [8]\n---\n");
        var bad = Run(site.Root, "check", "--source", site.Root);
        Assert.Equal(1, bad.Code);
        Assert.Contains("input/cases/beta.md(6,", bad.Out);
        Assert.Contains("error CB1201", bad.Out);
        Assert.DoesNotContain("   at ", bad.Out + bad.Err);
    }

    [Fact]
    public void Build_writes_to_output_and_usage_errors_exit_2()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var outDir = Path.Combine(site.Root, "public");
        var r = Run(site.Root, "build", "--source", site.Root, "--output", outDir, "--no-search");
        Assert.Equal(0, r.Code);
        Assert.True(File.Exists(Path.Combine(outDir, "cases", "alpha", "index.html")));
        var missing = Run(site.Root, "build", "--source", Path.Combine(site.Root, "nowhere"));
        Assert.Equal(2, missing.Code);
        Assert.Equal(2, Run(site.Root, "build", "--no-such-option").Code);
    }

    [Fact]
    public void Usage_messages_are_japanese_and_a_mistyped_command_gets_a_suggestion()
    {
        var typo = Run(Path.GetTempPath(), "buld");
        Assert.Equal(2, typo.Code);
        Assert.Contains("コマンド「buld」はありません。（もしかして「build」？）", typo.Err);
        var help = Run(Path.GetTempPath(), "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("使い方を表示します", help.Out);
        Assert.Contains("オプション", help.Out);
        Assert.DoesNotContain("Show help", help.Out);
    }

    [Fact]
    public void New_case_writes_a_skeleton_that_checks_clean()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var r = Run(site.Root, "new", "case", "--volume", "vol-a", "--title", "新しい「事例」: テスト", "--id", "gamma");
        Assert.Equal(0, r.Code);
        var path = Path.Combine(site.Root, "input", "cases", "vol-a", "gamma.md");
        Assert.True(File.Exists(path));
        Assert.Contains("新しい「事例」: テスト", File.ReadAllText(path));
        var check = Run(site.Root, "check", "--drafts");
        Assert.Equal(0, check.Code);
        Assert.Equal(2, Run(site.Root, "new", "case", "--volume", "vol-x", "--title", "t").Code);
    }
}
