using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Output;

public static class JsonExport
{
    public static readonly JsonSerializerOptions Options = JsonText.Options;

    /// <summary>The record exported for each case (cases.json, per-volume JSON).</summary>
    public static object CaseRecord(SiteGraph g, CaseStudy c) => new
    {
        id = c.Id,
        url = g.Links.Case(c.Id).Url,
        title = c.Title,
        subtitle = c.Subtitle,
        summary = c.Summary,
        organization = c.Organization,
        authors = c.Authors,
        volume = c.VolumeId ?? "",
        number = g.CaseNumber(c),
        fiscal_year = c.FiscalYear,
        fiscal_year_label = Wareki.FiscalYear(c.FiscalYear),
        region = new { prefecture = c.Region.Prefecture, area = c.Region.Area, city = c.Region.City, ward = c.Region.Ward },
        elements = c.Elements.Select(e => e.Number ?? 0).ToArray(),
        elements_basis = c.ElementsBasisIn(g.VolumeOf(c)).Name(),
        pillars = c.Pillars.Select(p => p.Label).ToArray(),
        pillars_basis = c.PillarsBasisIn(g.VolumeOf(c)).Name(),
        tags = c.Tags.Select(t => t.Label).ToArray(),
        profile = c.Profile.ToDictionary(p => p.Key, p => p.Value),
        voices = c.Voices.Select(v => new { speaker = v.Speaker, role = v.Role, text = v.Text }).ToArray(),
        source = c.Source,
    };
}
