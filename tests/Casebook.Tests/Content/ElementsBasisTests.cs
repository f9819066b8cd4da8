using System.Text.Json;
using AngleSharp.Dom;
using Casebook.Tests.Support;

namespace Casebook.Tests.Content;

/// <summary>Printed ✔ marks (Kanagawa FY2014) and the editors' own classification never look alike: in the
/// exports, on the case panel, on cards, in the matrix and in the print edition.</summary>
public class ElementsBasisTests(SampleSite site) : IClassFixture<SampleSite>
{
    private JsonElement[] Cases() => JsonDocument.Parse(site.Text("data/cases.json")).RootElement.EnumerateArray().ToArray();

    [Fact]
    public void Cases_json_says_source_for_the_Kanagawa_FY2014_cases_and_editorial_for_every_other()
    {
        var cases = Cases();
        Assert.True(cases.Length >= 29);
        foreach (var c in cases)
        {
            var id = c.GetProperty("id").GetString();
            var expected = c.GetProperty("volume").GetString() == "kanagawa-h26" ? "source" : "editorial";
            Assert.True(c.TryGetProperty("elements_basis", out var basis), $"{id} has no elements_basis");
            Assert.Equal(expected, basis.GetString());
            // Pillars are the editors' reading everywhere: no seed assigns them per case.
            Assert.Equal("editorial", c.GetProperty("pillars_basis").GetString());
        }
        Assert.Equal(["kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "kanagawa-yokosuka"],
            cases.Where(c => c.GetProperty("elements_basis").GetString() == "source").Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Csv_exports_carry_the_basis_of_each_case()
    {
        var rows = site.Text("data/cases.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var header = rows[0].ToList();
        var id = header.IndexOf("ID");
        var elements = header.IndexOf("7つの要素の根拠");
        var pillars = header.IndexOf("柱の根拠");
        Assert.True(elements > 0 && pillars > 0, string.Join(",", header));
        string Row(string caseId, int column) => rows.Single(r => r[id] == caseId)[column];
        Assert.Equal("source", Row("kanagawa-hayama", elements));
        Assert.Equal("editorial", Row("kanagawa-hayama", pillars));
        Assert.Equal("editorial", Row("yokohama-naka", elements));
        Assert.Equal("editorial", Row("chiba-hot-station", elements));
        var volumeCsv = site.Text("volumes/kanagawa-h26/kanagawa-h26-cases.csv");
        Assert.Contains("7つの要素の根拠", volumeCsv);
        Assert.Contains(",source,", volumeCsv);
    }

    [Fact]
    public void Case_panel_of_a_printed_case_shows_check_marks_labelled_as_printed()
    {
        var page = site.Html("cases/kanagawa-hayama/index.html");
        var panel = page.QuerySelector("section.element-panel")!;
        Assert.Equal("source", panel.GetAttribute("data-basis"));
        Assert.Contains("事例集に掲載された✔", panel.QuerySelector(".basis-note")!.TextContent);
        var marks = panel.QuerySelectorAll("tr.is-shown .element-grid__mark").Select(m => m.TextContent).ToList();
        // 葉山町: ①④⑤⑦ in the casebook.
        Assert.Equal(4, marks.Count);
        Assert.All(marks, m => Assert.Contains("✔", m));
        Assert.All(marks, m => Assert.Contains("該当（事例集に掲載された✔）", m));
        AssertLegend(panel);
    }

    [Fact]
    public void Case_panel_of_an_editorial_case_shows_another_mark_and_says_the_editors_assigned_it()
    {
        var page = site.Html("cases/yokohama-naka/index.html");
        var panel = page.QuerySelector("section.element-panel")!;
        Assert.Equal("editorial", panel.GetAttribute("data-basis"));
        Assert.Contains("編集部による分類", panel.QuerySelector(".basis-note")!.TextContent);
        Assert.Contains("発行元の分類ではありません", panel.QuerySelector(".basis-note")!.TextContent);
        var marks = panel.QuerySelectorAll("tr.is-shown .element-grid__mark").Select(m => m.TextContent).ToList();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.DoesNotContain("✔", m));
        Assert.All(marks, m => Assert.Contains("○", m));
        Assert.All(marks, m => Assert.Contains("該当（編集部による分類）", m));
        AssertLegend(panel);

        var pillars = page.QuerySelector("section.pillar-panel")!;
        Assert.Equal("editorial", pillars.GetAttribute("data-basis"));
        Assert.Contains("編集部による分類", pillars.TextContent);
    }

    [Fact]
    public void Cards_mark_their_elements_with_the_basis_in_markup_and_words()
    {
        // The term page for element ④ lists both printed (横須賀・海老名…) and editorial cases.
        var page = site.Html("elements/4/index.html");
        IElement Card(string id) => page.QuerySelectorAll("article.case-card").Single(a => a.QuerySelector($"a[href$='/cases/{id}/']") is not null);
        var printed = Card("kanagawa-yokosuka").QuerySelector(".case-card__elements")!;
        Assert.Equal("source", printed.GetAttribute("data-basis"));
        Assert.Equal("事例集に掲載された✔", printed.QuerySelector(".basis-tag")!.TextContent);
        var editorialCard = page.QuerySelectorAll("article.case-card .case-card__elements[data-basis='editorial']").FirstOrDefault();
        Assert.NotNull(editorialCard);
        Assert.Equal("編集部による分類", editorialCard!.QuerySelector(".basis-tag")!.TextContent);
    }

    [Fact]
    public void Matrix_rows_carry_their_basis_and_the_page_has_a_legend()
    {
        var page = site.Html("matrix/index.html");
        IElement Row(string id) => page.QuerySelectorAll("table.matrix tbody tr").Single(tr => tr.QuerySelector($"th a[href$='/cases/{id}/']") is not null);
        var printed = Row("kanagawa-miura");
        Assert.Equal("source", printed.GetAttribute("data-basis"));
        // 三浦市: ①②③④⑥⑦ printed.
        Assert.Equal(6, printed.QuerySelectorAll("td").Count(td => td.TextContent.Contains('✔')));
        var editorial = Row("symposium-himi");
        Assert.Equal("editorial", editorial.GetAttribute("data-basis"));
        Assert.DoesNotContain(editorial.QuerySelectorAll("td"), td => td.TextContent.Contains('✔'));
        Assert.Contains(editorial.QuerySelectorAll("td"), td => td.TextContent.Contains("○") && td.TextContent.Contains("編集部による分類"));
        Assert.Equal(6, page.QuerySelectorAll("table.matrix tbody tr[data-basis='source']").Length);
        AssertLegend(page.Body!);
    }

    [Fact]
    public void Print_edition_says_which_marks_were_printed()
    {
        var page = site.Html("volumes/kanagawa-h26/print/index.html");
        var lines = page.QuerySelectorAll(".print-case__elements").ToList();
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.Equal("source", l.GetAttribute("data-basis")));
        Assert.All(lines, l => Assert.Contains("事例集に掲載された✔", l.TextContent));
        var yokohama = site.Html("volumes/yokohama-r4/print/index.html").QuerySelectorAll(".print-case__elements").ToList();
        Assert.All(yokohama, l => Assert.Contains("編集部による分類", l.TextContent));
    }

    private static void AssertLegend(IElement scope)
    {
        var legend = scope.QuerySelector(".basis-legend");
        Assert.NotNull(legend);
        // Selectors would also match the panel's own data-basis, so read the legend's entries one by one.
        var entries = legend!.QuerySelectorAll("dl > div").Select(d =>
            (d.GetAttribute("data-basis"), d.QuerySelector("dt")!.TextContent, d.QuerySelector("dd")!.TextContent)).ToList();
        Assert.Equal([("source", "✔", "事例集に掲載された✔"), ("editorial", "○", "編集部による分類")], entries);
    }
}
