using System.Text.Json;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>elements_basis / pillars_basis on inline fixture sites: defaults, overrides, and bad values.</summary>
public class BasisFieldTests
{
    private static string Config(string volumeExtra) => FixtureSite.Config.Replace("    number: 6\n", "    number: 6\n" + volumeExtra);

    private static Dictionary<string, (string Elements, string Pillars)> Bases(FixtureSite site) =>
        JsonDocument.Parse(site.ReadOutput("data/cases.json")).RootElement.EnumerateArray().ToDictionary(
            c => c.GetProperty("id").GetString()!,
            c => (c.GetProperty("elements_basis").GetString()!, c.GetProperty("pillars_basis").GetString()!));

    [Fact]
    public void A_case_takes_its_volumes_default_its_own_value_wins_and_a_case_outside_volumes_is_editorial()
    {
        using var site = new FixtureSite(Config("    elements_basis: source\n") + "\n"
            + FixtureSite.Case("alpha") + "\n"
            + FixtureSite.Case("beta", "elements_basis: editorial\npillars_basis: source") + "\n"
            + FixtureSite.Case("loose", volume: "").Replace("volume: \n", ""));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        var bases = Bases(site);
        Assert.Equal(("source", "editorial"), bases["alpha"]);
        Assert.Equal(("editorial", "source"), bases["beta"]);
        Assert.Equal(("editorial", "editorial"), bases["loose"]);
        Assert.Equal("source", site.Html("cases/alpha/index.html").QuerySelector("section.element-panel")!.GetAttribute("data-basis"));
        Assert.Equal("source", site.Html("cases/beta/index.html").QuerySelector("section.pillar-panel")!.GetAttribute("data-basis"));
    }

    [Fact]
    public void A_volume_that_states_nothing_calls_its_marks_editorial()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        Assert.All(Bases(site).Values, b => Assert.Equal(("editorial", "editorial"), b));
    }

    [Fact]
    public void A_misspelt_basis_is_an_error_at_its_position_with_the_nearest_word_and_every_one_is_reported()
    {
        using var site = new FixtureSite(Config("    pillars_basis: editoral\n") + "\n"
            + FixtureSite.Case("alpha", "elements_basis: sorce") + "\n"
            + FixtureSite.Case("beta", "elements_basis: [source]"));
        var r = site.Build();
        Assert.False(r.Success);
        Assert.False(Directory.Exists(site.Output), "a failed build writes nothing");
        var lines = FixtureSite.Lines(r).ToList();
        var caseError = Assert.Single(lines, l => l.Contains("alpha.md"));
        Assert.Matches(@"^input/cases/alpha\.md\(\d+,17\): error CB1104: ", caseError);
        Assert.Contains("「sorce」", caseError);
        Assert.Contains("「source」", caseError.Split("書かれています")[1]);
        var volumeError = Assert.Single(lines, l => l.StartsWith("casebook.yml", StringComparison.Ordinal));
        Assert.Contains("error CB1104", volumeError);
        Assert.Contains("pillars_basis", volumeError);
        Assert.Contains("「editorial」", volumeError.Split("書かれています")[1]);
        Assert.Contains(lines, l => l.Contains("beta.md") && l.Contains("error CB1102") && l.Contains("elements_basis"));
    }

    [Fact]
    public void A_region_area_is_exported_and_shown_where_no_city_applies()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n"
            + FixtureSite.Case("alpha").Replace("region: { prefecture: 神奈川県, city: 横浜市, ward: 中区 }", "region: { prefecture: 千葉県, area: 山武圏域 }") + "\n"
            + FixtureSite.Case("beta"));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        var alpha = JsonDocument.Parse(site.ReadOutput("data/cases.json")).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "alpha");
        Assert.Equal("山武圏域", alpha.GetProperty("region").GetProperty("area").GetString());
        Assert.Equal("", alpha.GetProperty("region").GetProperty("city").GetString());
        Assert.Contains("千葉県 山武圏域", site.Html("cases/alpha/index.html").QuerySelector(".case__meta")!.TextContent);
        Assert.True(site.OutputExists("regions/千葉県-山武圏域/index.html"));
        var csv = site.ReadOutput("data/cases.csv");
        Assert.Contains("圏域", csv.Split("\r\n")[0]);
        Assert.Contains(",千葉県,山武圏域,,", csv);
    }
}
