using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Tests.Core;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Loading;

public class EncodingTests
{
    private const string CaseText = "---\ntitle: 見守りの事例\norganization: テスト市社協\nvolume: vol-a\nfiscal_year: 2022\nelements: [1]\ntags: [見守り]\n---\n## きっかけ\n\t字下げのある本文\n";

    private static FixtureSite Site() => new(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Utf8_with_or_without_bom_and_crlf_build(bool bom, bool crlf)
    {
        using var site = Site();
        var text = crlf ? CaseText.Replace("\n", "\r\n") : CaseText;
        var bytes = Encoding.UTF8.GetBytes(text);
        site.WriteBytes("input/cases/gamma.md", bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        var doc = site.Html("cases/gamma/index.html");
        Assert.Equal("見守りの事例", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("字下げのある本文", doc.QuerySelector(".case__body")!.TextContent);
    }

    [Fact]
    public void Tabs_after_keys_and_as_indentation_are_accepted()
    {
        using var site = Site();
        site.Write("input/cases/gamma.md", "---\ntitle:\t見守り\norganization: 社協\nfiscal_year: 2022\n---\n本文\n");
        site.Write("input/cases/delta.md", "---\ntitle: t\norganization: 社協\nfiscal_year: 2022\nregion:\n\tcity: 横浜市\n---\n本文\n");
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        Assert.Equal("見守り", site.Html("cases/gamma/index.html").QuerySelector("h1")!.TextContent);
        Assert.Contains("横浜市", site.Html("cases/delta/index.html").QuerySelector(".case__meta")!.TextContent);
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Fix_encoding_converts_shift_jis_and_keeps_a_backup()
    {
        using var site = Site();
        var sjis = CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetBytes(CaseText);
        site.WriteBytes("input/cases/gamma.md", sjis);
        Assert.Contains(site.Check().Diagnostics, x => x.Code == DiagnosticCodes.ShiftJis && x.Span.Path == "input/cases/gamma.md");

        var path = Path.Combine(site.Root, "input", "cases", "gamma.md");
        var r = await CliRunner.InAsync(site.Root, "fix-encoding", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(CaseText, File.ReadAllText(path, new UTF8Encoding(false, true)));
        Assert.Equal(sjis, File.ReadAllBytes(path + ".sjis.bak"));
        // The backup is not content: it does not end in .md, so the site now builds.
        Assert.True(site.Build().Success);
        // Running it again changes nothing.
        Assert.Equal(0, (await CliRunner.InAsync(site.Root, "fix-encoding", path)).ExitCode);
        Assert.False(File.Exists(path + ".sjis2.bak"));
    }

    [Trait("Category", "Cli")]
    [Fact]
    public async Task Fix_encoding_with_a_wrong_name_or_option_converts_nothing()
    {
        using var site = Site();
        var sjis = CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetBytes(CaseText);
        site.WriteBytes("input/cases/gamma.md", sjis);
        var path = Path.Combine(site.Root, "input", "cases", "gamma.md");
        var r = await CliRunner.InAsync(site.Root, "fix-encoding", path, "--source", site.Root);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--source", r.Stdout + r.Stderr);
        Assert.Equal(sjis, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".sjis.bak"));
    }
}
