using System.Text;
using Casebook.Core;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>The performance work must not change what is built: the indexed graph lookups, the top-5
/// related cases and the streamed page writes are checked against the plain scans and the in-memory
/// build they replaced.</summary>
public class PipelinePerformanceTests
{
    /// <summary>120 cases in three volumes and loose, with overlapping elements, pillars and tags so
    /// that related-case scores tie, some terms are "very common", and regions and organizations repeat.</summary>
    private static FixtureSite ManyCases()
    {
        var sb = new StringBuilder();
        var volumes = new[] { "vol-a", "vol-b", "vol-c" };
        var pillars = new[] { "交流・居場所", "生活支援", "見守り・つながり" };
        var ids = new List<string>[3] { new(), new(), new() };
        for (var i = 0; i < 120; i++)
        {
            var id = $"c{i:D3}";
            var v = i % 4;   // 3 = no volume
            if (v < 3) ids[v].Add(id);
            sb.Append($"""
                -- input/cases/{id}.md --
                ---
                title: 事例 {i}
                organization: {(i % 9 == 0 ? "市社協" : $"第{i % 13}地区社協")}
                {(i % 10 == 0 ? "" : $"region: {{ prefecture: 神奈川県, city: {(i % 5 == 0 ? "\"\"" : $"市{i % 6}")}, ward: \"\" }}")}
                {(v < 3 ? "volume: " + volumes[v] : "")}
                fiscal_year: {2015 + i % 7}
                elements: [{i % 7 + 1}, {(i * 3) % 7 + 1}]
                pillars: [{pillars[i % 3]}]
                tags: [t{i % 5}, u{i % 11}, w{i % 17}]
                ---
                ## きっかけ
                本文 {i}。

                """);
        }
        var config = FixtureSite.Config[..FixtureSite.Config.IndexOf("volumes:", StringComparison.Ordinal)] + "volumes:\n" +
            string.Concat(volumes.Select((v, k) => $"  - {{ id: {v}, title: 事例集{k}, publisher: 社協, fiscal_year: {2020 + k}, cases: [{string.Join(", ", ids[k].Skip(1))}] }}\n"));
        return new FixtureSite(config + "\n" + sb);
    }

    /// <summary>A whole build's related cases go through <c>RelatedBySignature</c> (120 cases, many terms with more than
    /// eight cases); serve's few-case recomputation through the plain walk, checked in IncrementalSiteTests.</summary>
    [Fact]
    public void Graph_lookups_and_related_cases_match_plain_scans()
    {
        using var site = ManyCases();
        var result = site.Check();
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        var g = result.Graph!;
        Assert.Equal(120, g.Cases.Count);

        foreach (var c in g.Cases)
        {
            Assert.Same(g.Organizations.First(o => o.Cases.Contains(c)), g.OrganizationOf(c));
            Assert.Same(g.Regions.FirstOrDefault(r => r.Cases.Contains(c)), g.RegionOf(c));
            Assert.Same(g.Volumes.FirstOrDefault(v => v.Id == c.VolumeId), g.VolumeOf(c));
            var list = c.VolumeId is null ? null : g.VolumeCases.GetValueOrDefault(c.VolumeId);
            var index = list?.IndexOf(c) ?? -1;
            Assert.Equal(list is null ? 0 : index + 1, g.CaseNumber(c));
            Assert.Same(list is not null && index > 0 ? list[index - 1] : null, g.Previous(c));
            Assert.Same(list is not null && index >= 0 && index + 1 < list.Count ? list[index + 1] : null, g.Next(c));

            var expected = NaiveRelated(g.Cases, g.Cases.IndexOf(c));
            Assert.Equal(expected.Select(x => x.Id), g.Related[c.Id].Select(x => x.Id));
        }
        // The fixture really exercises ties and the five-case cut.
        Assert.Contains(g.Cases, c => g.Related[c.Id].Count == 5);
        Assert.Contains(g.Cases, c => g.RegionOf(c) is null);
    }

    /// <summary>The related-cases rule written as plainly as possible: score every other case, sort, take five.</summary>
    private static List<CaseStudy> NaiveRelated(List<CaseStudy> cases, int i)
    {
        int Weight(Term t)
        {
            var w = t.Taxonomy == "tags" ? 3 : t.Taxonomy == "pillars" ? 2 : 1;
            var users = cases.Count(c => c.AllTerms.Contains(t));
            return users > Math.Max(20, cases.Count / 4) ? Math.Max(1, w / 2) : w;
        }
        var mine = cases[i].AllTerms.ToList();
        return Enumerable.Range(0, cases.Count).Where(j => j != i)
            .Select(j => (j, score: cases[j].AllTerms.Where(mine.Contains).Sum(Weight)))
            .Where(x => x.score >= 3)
            .OrderByDescending(x => x.score).ThenBy(x => x.j)
            .Take(5).Select(x => cases[x.j]).ToList();
    }

    [Fact]
    public void Streamed_build_writes_the_same_bytes_as_the_in_memory_build()
    {
        var output = Path.Combine(Path.GetTempPath(), "casebook-stream-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var inMemory = Pipeline.Check(new BuildOptions(Repo.Root, output, ThemeDir: Repo.Theme));
            Assert.True(inMemory.Success, string.Join("\n", FixtureSite.Lines(inMemory)));
            var written = Pipeline.Run(new BuildOptions(Repo.Root, output, ThemeDir: Repo.Theme));
            Assert.True(written.Success);
            Assert.True(written.PagesWritten > 100);

            var expected = inMemory.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
            var onDisk = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                // Theme assets are copied, not built; a generated asset (print-page.css) is compared like a page.
                .Where(p => !p.StartsWith("assets/", StringComparison.Ordinal) || expected.ContainsKey(p))
                .ToHashSet(StringComparer.Ordinal);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), onDisk.Order(StringComparer.Ordinal));
            foreach (var (path, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, path))), $"{path} differs");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, true);
        }
    }

    [Fact]
    public void Error_found_after_rendering_discards_the_streamed_pages_and_keeps_the_previous_site()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        Assert.True(site.Build().Success);
        var before = site.ReadOutput("cases/alpha/index.html");

        // A broken internal link is only found by the link check, after every page was rendered and written.
        static string FileOf(string txtar) => txtar[(txtar.IndexOf('\n') + 1)..];
        site.Write("input/cases/beta.md", FileOf(FixtureSite.Case("beta", body: "## きっかけ\n[どこにもない](/cases/nowhere/)\n")));
        site.Write("input/cases/alpha.md", FileOf(FixtureSite.Case("alpha", body: "## きっかけ\n変更後の本文。\n")));
        var failed = site.Build();
        Assert.False(failed.Success);
        Assert.Contains(failed.Diagnostics, d => d.Code == "CB1207");
        Assert.Equal(before, site.ReadOutput("cases/alpha/index.html"));
        Assert.DoesNotContain(Directory.GetDirectories(site.Root), d => Path.GetFileName(d).Contains(".tmp-"));
    }

    [Fact]
    public void Case_body_markdown_is_rendered_once_with_the_same_positions_whichever_page_asks_first()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "## きっかけ\n本文です。\n\n[危険](javascript:alert(1))\n") + "\n" + FixtureSite.Case("beta"));
        var lines = File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"));
        var expectedLine = Array.FindIndex(lines, l => l.Contains("javascript:")) + 1;
        var graph = site.Check().Graph!;
        var alpha = graph.CasesById["alpha"];

        // The print edition asks for the marked-up body before the case page does.
        var bag = new Casebook.Core.Diagnostics.DiagnosticBag();
        var factory = new Casebook.Core.Rendering.ViewModelFactory(graph,
            new Casebook.Core.Rendering.MarkdownRenderer(graph.Settings.BasePath, false),
            Casebook.Core.Rendering.Theme.Load(Repo.Theme, bag)!, bag);
        _ = factory.CaseBody(alpha);
        _ = factory.Case(alpha);
        var warning = Assert.Single(bag.Sorted(), d => d.Code == Casebook.Core.Diagnostics.DiagnosticCodes.UnsafeLinkRemoved);
        Assert.Equal(expectedLine, warning.Span.Line);
    }

    [Fact]
    public void Reused_card_html_gives_the_pages_of_a_render_that_includes_every_card()
    {
        using var site = ManyCases();
        var graph = site.Check().Graph!;
        List<Casebook.Core.Rendering.RenderedPage> Render(bool reuse)
        {
            var bag = new Casebook.Core.Diagnostics.DiagnosticBag();
            var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, bag)!;
            theme.ReuseCardHtml = reuse;
            var renderer = new Casebook.Core.Rendering.SiteRenderer(graph, theme, bag);
            var files = renderer.Render(renderer.Jobs());
            Assert.Empty(bag.Sorted());
            if (reuse) Assert.True(theme.CardHtmlReused > graph.Cases.Count, $"{theme.CardHtmlReused} card includes reused");
            else Assert.Equal(0, theme.CardHtmlReused);
            return files;
        }
        var reused = Render(true);
        var included = Render(false);
        Assert.Equal(included.Select(f => f.Path), reused.Select(f => f.Path));
        for (var i = 0; i < included.Count; i++)
            Assert.True(included[i].Html == reused[i].Html, included[i].Path);
        Assert.Contains(reused, f => f.Path.StartsWith("tags/", StringComparison.Ordinal) && f.Html.Contains("case-card"));
    }

    [Theory]
    [InlineData("<div class=\"my-card\">{{ card.title }}・{{ t.case_number }}</div>", "<div class=\"my-card\">事例 1・事例</div>")]
    [InlineData("<div class=\"my-card\">{{ forloop.index }}:{{ card.title }}</div>", "<div class=\"my-card\">{n}:事例 1</div>")]
    [InlineData("<div class=\"my-card {% cycle 'odd', 'even' %}\">{{ card.title }}</div>", "<div class=\"my-card odd\">事例 1</div>")] // Fluid starts a cycle afresh in each include
    public void A_theme_card_partial_is_what_list_pages_show(string partial, string firstCard)
    {
        using var site = ManyCases();
        var theme = site.CopyShippedTheme();
        File.WriteAllText(Path.Combine(theme, "partials", "case-card.liquid"), partial);
        var result = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: theme));
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        var organization = result.Graph!.Organizations.First(o => o.Cases.Any(c => c.Title == "事例 1"));
        var position = organization.Cases.FindIndex(c => c.Title == "事例 1");
        var page = site.ReadOutput(organization.Link.File);
        Assert.Contains(firstCard.Replace("{n}", (position + 1).ToString()), page);
        Assert.DoesNotContain("class=\"case-card\"", page);
    }
}
