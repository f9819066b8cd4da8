using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Validation;

public class PrivacyLintTests
{
    private static IReadOnlyList<Diagnostic> Lint(string body, string extra = "")
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", extra, body) + "\n" + FixtureSite.Case("beta"));
        return site.Check().Diagnostics;
    }

    [Theory]
    [InlineData("連絡先は 045-123-4567 です。", DiagnosticCodes.PrivacyPhone)]
    [InlineData("携帯 090-1234-5678 まで", DiagnosticCodes.PrivacyPhone)]
    [InlineData("全角でも ０４５－１２３－４５６７ は電話番号", DiagnosticCodes.PrivacyPhone)]
    [InlineData("メール taro.yamada@example.jp へ", DiagnosticCodes.PrivacyEmail)]
    [InlineData("〒231-0001 横浜市中区新港1丁目2番 に住む", DiagnosticCodes.PrivacyAddress)]
    [InlineData("番号は 1234 5678 9012 でした", DiagnosticCodes.PrivacyMyNumber)]
    [InlineData("番号は123456789012でした", DiagnosticCodes.PrivacyMyNumber)]
    public void Personal_data_is_warned_with_position(string line, string code)
    {
        var d = Lint("## きっかけ\n本文です。\n" + line + "\n");
        var hit = Assert.Single(d, x => x.Code == code);
        Assert.Equal(Severity.Warning, hit.Severity);
        Assert.Equal("input/cases/alpha.md", hit.Span.Path);
        Assert.True(hit.Span.Line >= 14, hit.ToString());
    }

    [Theory]
    [InlineData("人口は 406,586人、世帯数は 165,543 世帯。")]
    [InlineData("平成26年4月〜12月の相談 2,268件")]
    [InlineData("2022年度に 18 区で実施")]
    public void Ordinary_figures_are_not_flagged(string line)
    {
        var d = Lint("## きっかけ\n" + line + "\n");
        Assert.DoesNotContain(d, x => x.Code.StartsWith("CB15", StringComparison.Ordinal));
    }

    [Fact]
    public void Acknowledged_values_and_kinds_are_silent()
    {
        Assert.DoesNotContain(Lint("窓口 045-123-4567\n", "privacy_ack: [\"045-123-4567\"]"), x => x.Code == DiagnosticCodes.PrivacyPhone);
        Assert.DoesNotContain(Lint("窓口 045-123-4567\n", "privacy_ack: [phone]"), x => x.Code == DiagnosticCodes.PrivacyPhone);
        Assert.Contains(Lint("窓口 045-123-4567\n", "privacy_ack: [email]"), x => x.Code == DiagnosticCodes.PrivacyPhone);
    }
}
