using Casebook.Core.Binding;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Publishing.Pdf;
using Casebook.Tests.Support;

namespace Casebook.Tests.Publishing;

/// <summary>Characters the print fonts lack, found in every printed source of a volume (needs the BIZ UD fonts that
/// scripts/ensure-deps.sh installs).</summary>
public class PrintGlyphsTests
{
    [Fact]
    public void Cases_volume_file_and_glossary_of_the_volume_are_searched_once_per_character()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "## きっかけ\n本文です。\n皆さん😊でした😊。\n") + "\n" + """
            -- input/glossary/vol-a.yml --
            title: 略字表記
            volume: vol-a
            entries:
              - abbr: CP
                expansion: 地域ケアプラザ🏠
            -- input/volumes/vol-a.md --
            ---
            colophon: 発行 テスト市社会福祉協議会
            ---
            はじめに🌸
            """);
        var diagnostics = new DiagnosticBag();
        var content = ContentLoader.Load(site.Root, null, diagnostics)!;
        ContentBinder.Bind(content, diagnostics);
        var found = PrintGlyphs.Find(content, content.Volumes.Single(v => v.Id == "vol-a"), refused: false);

        var byChar = found.ToDictionary(d => d.Message[1..d.Message.IndexOf('」')], d => d);
        Assert.Equal(["🌸", "🏠", "😊"], byChar.Keys.Order(StringComparer.Ordinal));
        Assert.All(found, d => Assert.Equal((Severity.Warning, DiagnosticCodes.PrintGlyphMissing), (d.Severity, d.Code)));
        var alpha = File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"));
        var line = Array.FindIndex(alpha, l => l.Contains("😊", StringComparison.Ordinal)) + 1;
        Assert.Equal(new SourceSpan(Path.Combine("input", "cases", "alpha.md"), line, 4), byChar["😊"].Span);
        Assert.Equal(0, byChar["🏠"].Span.Line);
        Assert.EndsWith("vol-a.yml", byChar["🏠"].Span.Path);
        Assert.EndsWith("vol-a.md", byChar["🌸"].Span.Path);
        Assert.Equal(Severity.Error, PrintGlyphs.Find(content, content.Volumes.Single(v => v.Id == "vol-a"), refused: true)[0].Severity);
    }
}
