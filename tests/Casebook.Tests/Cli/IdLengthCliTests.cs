using Casebook.Core.Loading;
using Casebook.Tests.Core.Importing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary>The commands that make a case or a volume refuse an id too long for a folder or file name (the rule the build
/// reports as CB1106), with a clear message, before writing anything; the longest allowed id is made.</summary>
[Trait("Category", "Cli")]
public class IdLengthCliTests
{
    private static readonly string TooLong = new('a', ConfigLoader.MaxIdLength + 1);
    private static readonly string Longest = new('b', ConfigLoader.MaxIdLength);

    private static FixtureSite Site() => new(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));

    /// <summary>Every file of the site and its bytes (a file written and restored counts as written: its time changes).</summary>
    private static Dictionary<string, (string, DateTime)> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_site"))
            .ToDictionary(f => Path.GetRelativePath(root, f),
                f => (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));

    private static void AssertTooLong(CliRunner.Run run, string what)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"casebook: error: {what}「{TooLong[..20]}…」が長すぎます（{TooLong.Length} 文字）。", run.Stderr);
        Assert.Contains($"{ConfigLoader.MaxIdLength} 文字以内", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task New_case_refuses_a_long_id_and_writes_nothing()
    {
        using var site = Site();
        var before = Snapshot(site.Root);
        AssertTooLong(await CliRunner.InAsync(site.Root, "new", "case", "--volume", "vol-a", "--title", "長い ID", "--id", TooLong), "事例の ID");
        AssertTooLong(await CliRunner.InAsync(site.Root, "new", "case", "--title", "長い ID", "--id", TooLong), "事例の ID");
        Assert.Equal(before, Snapshot(site.Root));

        var made = await CliRunner.InAsync(site.Root, "new", "case", "--title", "いちばん長い ID", "--id", Longest);
        Assert.True(made.ExitCode == 0, made.Stdout + made.Stderr);
        Assert.True(File.Exists(Path.Combine(site.Root, "input", "cases", "other", Longest + ".md")));
    }

    [Fact]
    public async Task New_case_interactive_asks_again_for_a_long_id()
    {
        using var site = Site();
        var answers = string.Join("\n", "題名", "", TooLong, "gamma", "", "", "", "", "") + "\n";
        var (code, output, err) = await CliRunner.RunAsync(["new", "case", "--interactive"], site.Root, input: answers);
        Assert.True(code == 0, output + err);
        Assert.Contains($"  ID「{TooLong[..20]}…」が長すぎます（{TooLong.Length} 文字）。", output);
        Assert.True(File.Exists(Path.Combine(site.Root, "input", "cases", "other", "gamma.md")));
        Assert.False(File.Exists(Path.Combine(site.Root, "input", "cases", "other", TooLong + ".md")));
    }

    [Fact]
    public async Task New_case_interactive_asks_again_for_an_organization_or_theme_too_long_for_a_folder()
    {
        // 90 kanji are 270 bytes as a folder name (CB1107 at build): asked again, and the case is written with the
        // short answers that followed.
        using var site = Site();
        var longName = new string('福', 90);
        var answers = string.Join("\n", "題名", "", "delta", longName, "短い社協", "", "", "", longName + " 外出支援", "外出支援") + "\n";
        var (code, output, err) = await CliRunner.RunAsync(["new", "case", "--interactive"], site.Root, input: answers);
        Assert.True(code == 0, output + err);
        Assert.Contains($"  組織名「{longName[..20]}…」が長すぎます（90 文字、フォルダー名にして 270 バイト）。", output);
        Assert.Contains($"  テーマ「{longName[..20]}…」が長すぎます", output);
        var written = File.ReadAllText(Path.Combine(site.Root, "input", "cases", "other", "delta.md"));
        Assert.Contains("短い社協", written);
        Assert.Contains("外出支援", written);
        Assert.DoesNotContain(longName, written);
    }

    [Fact]
    public async Task New_volume_refuses_a_long_id_without_touching_casebook_yml()
    {
        using var site = Site();
        var before = Snapshot(site.Root);
        var run = await CliRunner.RunAsync(["new", "volume", "--source", site.Root, "--id", TooLong, "--title", "長い ID の巻", "--fiscal-year", "2023"]);
        AssertTooLong(run, "事例集の ID");
        Assert.DoesNotContain("書き足せませんでした", run.Stderr);
        Assert.Equal(before, Snapshot(site.Root));
    }

    [Fact]
    public async Task Import_refuses_a_long_id_and_writes_nothing()
    {
        using var site = Site();
        File.WriteAllBytes(Path.Combine(site.Root, "a.docx"), ImportTests.WordForm());
        var before = Snapshot(site.Root);
        AssertTooLong(await CliRunner.InAsync(site.Root, "import", "a.docx", "--volume", "vol-a", "--id", TooLong), "事例の ID");
        Assert.Equal(before, Snapshot(site.Root));
    }
}
