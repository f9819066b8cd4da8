using Casebook.Tests.Core.Importing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary><c>casebook import</c> and <c>casebook new case</c> as an editor runs them.</summary>
[Trait("Category", "Cli")]
public class ImportCliTests
{
    private static FixtureSite Site() => new(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("_site"))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    [Theory]
    [InlineData("word")]
    [InlineData("pandoc.docx")]
    [InlineData("libreoffice.docx")]
    public async Task Imports_a_document_into_the_volume_and_the_site_checks_clean(string producer)
    {
        using var site = Site();
        var docx = Path.Combine(site.Root, "提出.docx");
        File.WriteAllBytes(docx, producer == "word" ? ImportTests.WordForm() : File.ReadAllBytes(ImportTests.FixturePath(producer)));
        var config = File.ReadAllText(Path.Combine(site.Root, "casebook.yml"));

        var run = await CliRunner.InAsync(site.Root, "import", "提出.docx", "--volume", "vol-a");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var ext = producer == "word" ? "jpg" : "png";
        Assert.Contains("作成しました: input/cases/vol-a/vol-a-01.md\n", run.Stdout);
        Assert.Contains($"作成しました: input/assets/cases/vol-a-01/photo-01.{ext}\n", run.Stdout);
        Assert.Contains("更新しました: casebook.yml", run.Stdout);
        Assert.True(File.Exists(Path.Combine(site.Root, "input", "assets", "cases", "vol-a-01", "photo-01." + ext)));
        Assert.Equal(config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, vol-a-01]"), File.ReadAllText(Path.Combine(site.Root, "casebook.yml")));

        var check = await CliRunner.InAsync(site.Root, "check");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.DoesNotContain(": error ", check.Stdout);
        Assert.DoesNotContain("CB1205", check.Stdout);

        var build = site.Build();
        Assert.True(build.Success, string.Join("\n", FixtureSite.Lines(build)));
        var page = site.Html("cases/vol-a-01/index.html");
        Assert.NotNull(page.QuerySelector("h2"));
        Assert.NotNull(page.QuerySelector("table"));
        Assert.NotNull(page.QuerySelector("strong"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("img")?.GetAttribute("alt")));
    }

    [Theory]
    [InlineData("encrypted", 1, "CB1902")]
    [InlineData("zip-truncated", 1, "CB1901")]
    [InlineData("word97", 1, "CB1901")]
    public async Task A_bad_document_is_an_error_and_writes_nothing(string kind, int exit, string code)
    {
        using var site = Site();
        File.WriteAllBytes(Path.Combine(site.Root, "bad.docx"), ImportTests.BadFile(kind));
        var before = Snapshot(site.Root);
        var run = await CliRunner.InAsync(site.Root, "import", "bad.docx", "--volume", "vol-a");
        Assert.Equal(exit, run.ExitCode);
        Assert.Contains($"bad.docx(1,1): error {code}: ", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);
        Assert.Equal(before, Snapshot(site.Root));
    }

    [Fact]
    public async Task Usage_mistakes_exit_2_and_write_nothing()
    {
        using var site = Site();
        File.WriteAllBytes(Path.Combine(site.Root, "a.docx"), ImportTests.WordForm());
        var before = Snapshot(site.Root);
        var unknownVolume = await CliRunner.InAsync(site.Root, "import", "a.docx", "--volume", "vol-b");
        Assert.Equal(2, unknownVolume.ExitCode);
        Assert.Contains("vol-a", unknownVolume.Stderr);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "import", "missing.docx", "--volume", "vol-a")).ExitCode);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "import", "a.docx", "--volume", "vol-a", "--id", "Bad_ID")).ExitCode);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "import", "a.docx")).ExitCode);
        Assert.Equal(before, Snapshot(site.Root));
    }

    [Fact]
    public async Task New_case_adds_itself_to_the_volume_table_of_contents()
    {
        using var site = Site();
        var run = await CliRunner.InAsync(site.Root, "new", "case", "--volume", "vol-a", "--title", "新しい事例");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("cases: [alpha, beta, vol-a-01]", File.ReadAllText(Path.Combine(site.Root, "casebook.yml")));
        var check = await CliRunner.InAsync(site.Root, "check", "--drafts");
        Assert.DoesNotContain("CB1205", check.Stdout);
    }
}
