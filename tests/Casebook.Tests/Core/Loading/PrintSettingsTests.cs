using Casebook.Core.Diagnostics;
using Casebook.Core.Output;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Loading;

/// <summary>casebook.yml's print: section: paper, margins, cases on right-hand pages, and their validation.</summary>
public class PrintSettingsTests
{
    private static FixtureSite SiteWith(string print) =>
        new(FixtureSite.Config + "\n" + print.Replace("\r\n", "\n") + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));

    [Fact]
    public void Without_print_settings_the_edition_is_a4_with_the_usual_margins()
    {
        using var site = SiteWith("");
        Assert.True(site.Build().Success);
        var css = site.ReadOutput(PrintPageCss.File);
        Assert.Contains("@page { size: 210mm 297mm; margin: 20mm 18mm 22mm 18mm; }", css);
        Assert.DoesNotContain("break-before: right", css);
        // The print edition loads it after print.css.
        var links = site.Html("volumes/vol-a/print/index.html").QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).ToList();
        Assert.Equal(["/assets/css/print.css", "/" + PrintPageCss.File], links);
    }

    [Fact]
    public void B5_margins_and_right_hand_starts_become_the_page_stylesheet()
    {
        using var site = SiteWith("""
            print:
              paper: b5
              margin:
                top: 15mm
                bottom: 2.5cm
                inside: 30
                outside: １０mm
              start_cases_on_right: true
            """);
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        var css = site.ReadOutput(PrintPageCss.File);
        Assert.Contains("@page { size: 182mm 257mm; margin: 15mm 10mm 25mm 30mm; }", css);
        Assert.Contains("@page :right { margin-left: 30mm; margin-right: 10mm; }", css);
        Assert.Contains("@page :left { margin-left: 10mm; margin-right: 30mm; }", css);
        Assert.Contains(".print-case { break-before: right; }", css);
    }

    [Fact]
    public void Bad_print_values_are_errors_at_their_place_with_a_suggestion()
    {
        using var site = SiteWith("""
            print:
              paper: B6
              margin:
                top: 20px
                inside: 80mm
                outsde: 10mm
              start_cases_on_right: そう
              colour: true
            """);
        var d = site.Check().Diagnostics;
        void Has(string code, int line, string text) =>
            Assert.True(d.Any(x => x.Code == code && x.Span.Path == "casebook.yml" && x.Span.Line == line && x.Message.Contains(text)),
                $"expected {code} at line {line} with {text}\n" + string.Join("\n", d));
        var first = File.ReadAllLines(Path.Combine(site.Root, "casebook.yml")).ToList().IndexOf("print:") + 1;
        Has(DiagnosticCodes.InvalidValue, first + 1, "（もしかして「B5」？）");
        Has(DiagnosticCodes.InvalidValue, first + 3, "20mm のように mm で");
        Has(DiagnosticCodes.InvalidValue, first + 4, "5〜50mm");
        Has(DiagnosticCodes.UnknownField, first + 5, "（もしかして「outside」？）");
        Has(DiagnosticCodes.WrongType, first + 6, "true か false");
        Has(DiagnosticCodes.UnknownField, first + 7, "colour");
        Assert.False(site.Build().Success);
    }
}
