using System.Globalization;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Text;
using CsvHelper;

namespace Casebook.Core.Output;

/// <summary>CSV for Excel: UTF-8 with BOM so Japanese opens ungarbled, CRLF line ends. Files are assembled from
/// one line per case (<see cref="ExportRows"/>).</summary>
public static class CsvExport
{
    /// <summary>One case's line.</summary>
    public static string Row(SiteGraph g, CaseStudy c) => Line(
    [
        Str(g.CaseNumber(c)), c.Id, c.Title, c.Subtitle, c.Organization, string.Join("、", c.Authors),
        c.Region.Prefecture, c.Region.Area, c.Region.City, c.Region.Ward, Str(c.FiscalYear), Wareki.FiscalYear(c.FiscalYear),
        g.VolumeOf(c)?.Title ?? "", string.Join(" ", c.Elements.Select(e => CircledNumber.Format(e.Number ?? 0))),
        c.ElementsBasisIn(g.VolumeOf(c)).Name(),
        string.Join("、", c.Pillars.Select(p => p.Label)), c.PillarsBasisIn(g.VolumeOf(c)).Name(),
        string.Join("、", c.Tags.Select(t => t.Label)), g.Links.Case(c.Id).Url,
    ]);

    /// <summary>One record, quoted as CsvHelper quotes it, ending in CRLF.</summary>
    public static string Line(IEnumerable<string> fields)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n" }, true))
        {
            foreach (var f in fields) csv.WriteField(f);
            csv.EndRecord();
        }
        return writer.ToString();
    }

    private static string Str(object o) => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
}
