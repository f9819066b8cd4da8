using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;
using Casebook.Core.Text;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The rendered document's plain text (for search) and section titles (for the table of contents) keep every
/// literal's text, in order, with blocks and line breaks as spaces.</summary>
public class MarkdownPlainTextTests
{
    [Fact]
    public void Plain_text_and_section_titles_keep_all_literal_text()
    {
        var r = new MarkdownRenderer("/", false).Render(
            "## 取組の**きっかけ**と`経緯`\n\n本文の**強調**と[リンク](/cases/a/)。\n次の行\n\n- 項目&amp;一\n",
            "input/cases/a.md", 5, new DiagnosticBag());
        Assert.Equal("取組のきっかけと経緯", Assert.Single(r.Sections).Title);
        Assert.Equal(" 取組のきっかけと経緯 本文の強調とリンク。 次の行 項目一", r.PlainText!.Replace("  ", " "));
    }

    /// <summary>Without plain text (a build without search) a document renders the same: HTML, sections, links and
    /// diagnostics.</summary>
    [Fact]
    public void Without_plain_text_a_document_renders_the_same()
    {
        const string markdown = "## 取組の**きっかけ**\n\n本文と[リンク](/cases/a/)、`コード`。\n\n::: memo\n囲み\n:::\n\n<div onclick=\"x()\">生の HTML</div>\n\n![](/assets/a.png)\n";
        var (withBag, withoutBag) = (new DiagnosticBag(), new DiagnosticBag());
        var with = new MarkdownRenderer("/base/", false).Render(markdown, "input/cases/a.md", 5, withBag);
        var without = new MarkdownRenderer("/base/", false, plainText: false).Render(markdown, "input/cases/a.md", 5, withoutBag);
        Assert.Contains("本文とリンク、コード。", with.PlainText);
        Assert.Null(without.PlainText);
        Assert.Equal(with.Html, without.Html);
        Assert.Equal(with.Sections, without.Sections);
        Assert.Equal(with.Links, without.Links);
        Assert.NotEmpty(withBag.Sorted());
        Assert.Equal(withBag.Sorted().Select(d => d.ToString()), withoutBag.Sorted().Select(d => d.ToString()));
    }

    /// <summary>A renderer made for a build without search renders every page of the sample site to the same text, and the
    /// case text only the search index reads cannot be read from it by mistake (as an empty body).</summary>
    [Fact]
    public void Without_search_text_the_sample_site_renders_the_same_and_the_case_text_cannot_be_read()
    {
        var graph = Pipeline.Check(new BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused"))).Graph!;
        var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, new DiagnosticBag())!;
        (SiteRenderer Renderer, List<RenderedPage> Pages, List<string> Diagnostics) Render(bool searchText)
        {
            var bag = new DiagnosticBag();
            var renderer = new SiteRenderer(graph, theme, bag, searchText);
            var pages = renderer.Render(renderer.Jobs());
            return (renderer, pages, bag.Sorted().Select(d => d.ToString()).ToList());
        }
        var with = Render(true);
        var without = Render(false);
        Assert.Equal(with.Pages.Select(p => p.Path), without.Pages.Select(p => p.Path));
        for (var i = 0; i < with.Pages.Count; i++) Assert.True(with.Pages[i].Html == without.Pages[i].Html, with.Pages[i].Path);
        Assert.Equal(with.Diagnostics, without.Diagnostics);

        var c = graph.Cases[0];
        var body = without.Renderer.ViewModels.CaseBody(c);
        Assert.Null(body.PlainText);
        Assert.NotEmpty(body.Html);
        Assert.Throws<InvalidOperationException>(() => without.Renderer.ViewModels.Case(c).SearchText);
        Assert.Contains(TextNormalizer.Search(c.Title), with.Renderer.ViewModels.Case(c).SearchText);
        Assert.True(with.Renderer.ViewModels.CaseBody(c).PlainText!.Length > c.Markdown.Length / 2);
    }
}
