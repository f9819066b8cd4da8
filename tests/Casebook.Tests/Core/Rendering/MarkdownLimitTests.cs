using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>Markdig's nesting and size limits become one CB1602 with the file and place.</summary>
public class MarkdownLimitTests
{
    [Fact]
    public void Markdown_nested_too_deeply_is_one_diagnostic_at_the_file_and_line_where_the_limit_is_crossed()
    {
        // alpha is in vol-a, so both its page and the volume's print edition render its body.
        var deep = string.Concat(Enumerable.Repeat("> ", 200)) + "深い引用";
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: $"## きっかけ\n本文です。\n\n{deep}\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Check();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal(DiagnosticCodes.MarkdownTooDeep, d.Code);
        Assert.Equal("input/cases/alpha.md", d.Span.Path);
        // Front matter is lines 1–14 (FixtureSite.Case with no extra field), the body starts on line 15: the quote is its 4th line.
        var lines = File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"));
        Assert.Equal(deep, lines[d.Span.Line - 1]);
        Assert.True(d.Span.Column > 200, $"column {d.Span.Column} should be deep inside the quote markers");
        Assert.Contains("入れ子", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Code == DiagnosticCodes.TemplateError);
    }

    [Fact]
    public void Deep_inline_nesting_is_found_on_its_line_too()
    {
        var deep = "前置き " + string.Concat(Enumerable.Repeat("[", 400)) + "中身";
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: $"## a\n一行目\n\n二行目\n\n{deep}\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Check();
        var errors = result.Diagnostics.Where(x => x.Severity == Severity.Error).ToList();
        var d = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.MarkdownTooDeep, d.Code);
        Assert.Equal(deep, File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"))[d.Span.Line - 1]);
    }
}
