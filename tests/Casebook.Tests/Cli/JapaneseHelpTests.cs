using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary>The help screen and parse errors of the casebook command.</summary>
[Trait("Category", "Cli")]
public class JapaneseHelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("pdf", "--help")]
    [InlineData("new", "case", "-h")]
    public async Task Help_has_japanese_headings_only(params string[] args)
    {
        var help = await CliRunner.InAsync(Path.GetTempPath(), args);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("説明:", help.Stdout);
        Assert.Contains("使用法:", help.Stdout);
        Assert.Contains("オプション:", help.Stdout);
        Assert.Contains("使い方を表示します", help.Stdout);
        foreach (var english in new[] { "Description:", "Usage:", "Options:", "[command]", "[options]", "(REQUIRED)", "[default:", "Show help" })
            Assert.DoesNotContain(english, help.Stdout);
    }

    [Fact]
    public async Task Required_options_are_marked_and_help_works_without_them()
    {
        var help = await CliRunner.InAsync(Path.GetTempPath(), "pdf", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Matches(@"--volume <volume>（必須）\s+PDF にする事例集", help.Stdout);
        Assert.Contains("casebook pdf [オプション]", help.Stdout);
    }

    [Theory]
    [InlineData(new[] { "pdf" }, "オプション --volume を指定してください。")]
    [InlineData(new[] { "serve", "--port", "abc" }, "オプション --port の値「abc」を読めません。整数を書いてください。")]
    [InlineData(new[] { "serve", "--port", "1", "--port", "2" }, "オプション --port には値を 1 つだけ書いてください")]
    [InlineData(new[] { "new" }, "コマンドを指定してください。")]
    public async Task Parse_errors_are_japanese(string[] args, string message)
    {
        var run = await CliRunner.InAsync(Path.GetTempPath(), args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("casebook: error: " + message, run.Stderr);
        Assert.DoesNotMatch("(is required|Cannot parse|expects a single|were provided)", run.Stderr);
    }
}
