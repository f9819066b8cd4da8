using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The ::: editorial container: a labelled note around the editors' own reading, safe from injection.</summary>
public class EditorialNoteTests
{
    private static (string Html, List<Diagnostic> Diagnostics) Render(string markdown, bool allowRawHtml = false)
    {
        var bag = new DiagnosticBag();
        var html = new MarkdownRenderer("/", allowRawHtml, "編集部注").Render(markdown, "x.md", 1, bag).Html;
        return (html, bag.Sorted().ToList());
    }

    [Fact]
    public void An_editorial_fence_becomes_a_labelled_note_around_ordinary_markdown()
    {
        var (html, diagnostics) = Render("本文。\n\n::: editorial\n**① つなぐ**：理由の説明。\n\n- 項目\n:::\n\n続き。\n");
        Assert.Empty(diagnostics);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var note = Assert.Single(doc.QuerySelectorAll("div.editorial"));
        Assert.Equal("note", note.GetAttribute("role"));
        Assert.Equal("editorial", note.GetAttribute("data-basis"));
        Assert.Equal("編集部注", note.QuerySelector("p.editorial__label")!.TextContent);
        Assert.Equal("① つなぐ", note.QuerySelector("strong")!.TextContent);
        Assert.NotNull(note.QuerySelector("ul > li"));
        Assert.DoesNotContain("続き", note.TextContent);
    }

    [Theory]
    [InlineData("::: editorial onclick=alert(1)\n中身\n:::\n")]
    [InlineData("::: editorial\" onmouseover=\"alert(1)\n中身\n:::\n")]
    [InlineData("::: editorial\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n:::\n")]
    public void Nothing_from_the_fence_or_its_content_can_add_script(string markdown)
    {
        var (html, _) = Render(markdown);
        Assert.DoesNotContain("alert", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Another_container_name_is_a_warning_with_a_suggestion_and_shows_its_content_unframed()
    {
        var (html, diagnostics) = Render("前置き\n\n::: editrial\n中身です。\n:::\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal("x.md(3,1): warning CB1601: 「::: editrial」は使えない囲みです。中身は囲みなしで表示します。編集部の補足には「::: editorial」を使います。（もしかして「editorial」？）",
            d.ToString());
        Assert.Contains("<p>中身です。</p>", html);
        Assert.DoesNotContain("class=\"editrial\"", html);
        Assert.DoesNotContain("editorial__label", html);
    }

    [Fact]
    public void The_label_comes_from_the_themes_strings()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "## 本文\n本文です。\n\n::: editorial\n編集部の読み。\n:::\n") + "\n" + FixtureSite.Case("beta"));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        var note = site.Html("cases/alpha/index.html").QuerySelector(".case__body div.editorial")!;
        Assert.Equal("編集部注", note.QuerySelector(".editorial__label")!.TextContent);
        Assert.Contains("編集部の読み。", note.TextContent);
    }
}
