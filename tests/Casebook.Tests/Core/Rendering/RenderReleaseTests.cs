using System.Text;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The writing render (<see cref="SiteRenderer.RenderTo"/>) puts each print edition next to its cases' pages and
/// lets a case's model and body go once the pages reading them are written; pages, links and diagnostics stay the same.</summary>
public class RenderReleaseTests
{
    private static FixtureSite Site() => new(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]") + "\n"
        + FixtureSite.Case("alpha", body: "## きっかけ\n[ベータ](/cases/beta/)を見た。\n") + "\n"
        + FixtureSite.Case("beta", body: "## 経緯\n本文です。\n\n### 詳しく\n[上へ](#経緯)\n") + "\n"
        + FixtureSite.Case("gamma") + "\n"
        + FixtureSite.Case("delta", volume: "") + "\n");

    [Fact]
    public void Each_print_edition_comes_first_with_its_cases_pages_right_after_it()
    {
        using var site = Site();
        var graph = site.Check().Graph!;
        var renderer = new SiteRenderer(graph, Casebook.Core.Rendering.Theme.Load(Repo.Theme, new DiagnosticBag())!, new DiagnosticBag());
        var jobs = renderer.Jobs();
        var order = SiteRenderer.RenderOrder(jobs);

        Assert.Equal(jobs.Count, order.Count);
        Assert.Equal(jobs.Select(j => j.Link.File).Order(StringComparer.Ordinal), order.Select(j => j.Link.File).Order(StringComparer.Ordinal));
        Assert.Equal("print", order[0].Layout);
        Assert.Equal(["cases/alpha/index.html", "cases/beta/index.html", "cases/gamma/index.html"], order.Skip(1).Take(3).Select(j => j.Link.File));
        // A case outside every volume keeps its place among the other pages, in site-map order.
        var rest = order.Skip(4).ToList();
        Assert.Equal(jobs.Where(j => rest.Contains(j)).Select(j => j.Link.File), rest.Select(j => j.Link.File));
        Assert.Contains(rest, j => j.Link.File == "cases/delta/index.html");
    }

    [Fact]
    public void Written_pages_equal_the_kept_render_and_no_case_model_is_left_behind()
    {
        using var site = Site();
        var graph = site.Check().Graph!;
        var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, new DiagnosticBag())!;

        var kept = new SiteRenderer(graph, theme, new DiagnosticBag());
        var expected = kept.Render(kept.Jobs()).ToDictionary(p => p.Path, p => p.Html);
        Assert.Equal(4, kept.ViewModels.KeptCases.Models);   // Render (serve, check) keeps every model

        var renderer = new SiteRenderer(graph, theme, new DiagnosticBag());
        var written = new System.Collections.Concurrent.ConcurrentDictionary<string, StringWriter>();
        var jobs = renderer.Jobs();
        var count = renderer.RenderTo(jobs, file => written.GetOrAdd(file, _ => new StringWriter()));

        Assert.Equal(expected.Count, count);
        foreach (var (path, html) in expected) Assert.True(html == written[path].ToString(), path);
        Assert.Equal((0, 0), renderer.ViewModels.KeptCases);
        // Nothing the jobs hold keeps a model either: a case page's model is made for the page and not kept.
        Assert.All(jobs, j => Assert.False(j.Model is Lazy<object> { IsValueCreated: true }, j.Link.File));
        // The links of the bodies let go are still there for the link check.
        Assert.Contains(renderer.ViewModels.AllLinks, l => l.Target == "/cases/beta/");
    }

    [Fact]
    public void A_broken_link_in_a_case_let_go_is_still_reported_by_a_writing_build()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n"
            + FixtureSite.Case("alpha", body: "## きっかけ\n[ない事例](/cases/nowhere/)を見た。\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Build();
        Assert.False(result.Success);
        var broken = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.BrokenLink);
        Assert.Equal("input/cases/alpha.md", broken.Span.Path);
        Assert.Contains("/cases/nowhere/", broken.Message);
    }

    [Fact]
    public void A_page_value_taken_is_not_kept_unless_it_was_made_by_reading_it()
    {
        var made = 0;
        var value = new PageValue<object>(() => new StringBuilder().Append(++made));
        var first = value.Take();
        var second = value.Take();
        Assert.NotSame(first, second);
        Assert.False(value.IsValueCreated);
        var kept = value.Value;
        Assert.Same(kept, value.Take());
        Assert.Equal(3, made);
    }
}
