using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;

namespace Casebook.Tests.Core.Rendering;

public class MarkdownExtensionTests
{
    private static string Render(string markdown, bool allowRawHtml = false, DiagnosticBag? diagnostics = null) =>
        new MarkdownRenderer("/", allowRawHtml).Render(markdown, "input/cases/a.md", 5, diagnostics ?? new DiagnosticBag()).Html;

    [Fact]
    public void Column_alignment_becomes_a_class_on_every_cell_of_the_column_and_no_inline_style()
    {
        var html = Render("| 左 | 中 | 右 | なし |\n|:---|:--:|---:|---|\n| a | b | c | d |\n");
        Assert.DoesNotContain("style=", html);
        Assert.Contains("<th class=\"align-left\">左</th>", html);
        Assert.Contains("<th class=\"align-center\">中</th>", html);
        Assert.Contains("<td class=\"align-right\">c</td>", html);
        Assert.Contains("<td>d</td>", html);
        Assert.Equal(2, html.Split("class=\"align-right\"").Length - 1);
    }

    [Fact]
    public void Raw_html_loses_script_and_is_reported_once_at_the_body()
    {
        var diagnostics = new DiagnosticBag();
        var html = Render("本文\n\n<p onclick=\"x()\">段落</p>\n<script>alert(1)</script>\n", diagnostics: diagnostics);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("段落", html);
        var warning = Assert.Single(diagnostics.Sorted());
        Assert.Equal(DiagnosticCodes.UnsafeHtmlRemoved, warning.Code);
        Assert.Equal(5, warning.Span.Line);
    }

    [Fact]
    public void Raw_html_is_kept_when_the_site_allows_it()
    {
        var diagnostics = new DiagnosticBag();
        var html = Render("<p onclick=\"x()\">段落</p>\n", allowRawHtml: true, diagnostics: diagnostics);
        Assert.Contains("onclick", html);
        Assert.Empty(diagnostics.Sorted());
    }
}
