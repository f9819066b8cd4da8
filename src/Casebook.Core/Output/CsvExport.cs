using System.Globalization;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Text;
using CsvHelper;

namespace Casebook.Core.Output;

/// <summary>CSV for Excel: UTF-8 with BOM so Japanese opens ungarbled, CRLF line ends.</summary>
public static class CsvExport
{
    public static OutputFile Cases(string path, SiteGraph g, IEnumerable<CaseStudy> cases)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n" }, true))
        {
            foreach (var h in new[] { "番号", "ID", "題名", "副題", "組織", "執筆者", "都道府県", "圏域", "市区町村", "区", "年度", "和暦", "事例集", "7つの要素", "7つの要素の根拠", "柱", "柱の根拠", "テーマ", "URL" })
                csv.WriteField(h);
            csv.EndRecord();
            foreach (var c in cases)
            {
                csv.WriteField(Str(g.CaseNumber(c)));
                csv.WriteField(Str(c.Id));
                csv.WriteField(Str(c.Title));
                csv.WriteField(Str(c.Subtitle));
                csv.WriteField(Str(c.Organization));
                csv.WriteField(Str(string.Join("、", c.Authors)));
                csv.WriteField(Str(c.Region.Prefecture));
                csv.WriteField(Str(c.Region.Area));
                csv.WriteField(Str(c.Region.City));
                csv.WriteField(Str(c.Region.Ward));
                csv.WriteField(Str(c.FiscalYear));
                csv.WriteField(Str(Wareki.FiscalYear(c.FiscalYear)));
                csv.WriteField(Str(g.VolumeOf(c)?.Title ?? ""));
                var volume = g.VolumeOf(c);
                csv.WriteField(Str(string.Join(" ", c.Elements.Select(e => Wareki.CircledNumber(e.Number ?? 0)))));
                csv.WriteField(Str(c.ElementsBasisIn(volume).Name()));
                csv.WriteField(Str(string.Join("、", c.Pillars.Select(p => p.Label))));
                csv.WriteField(Str(c.PillarsBasisIn(volume).Name()));
                csv.WriteField(Str(string.Join("、", c.Tags.Select(t => t.Label))));
                csv.WriteField(Str(g.Links.Case(c.Id).Url));
                csv.EndRecord();
            }
        }
        return OutputFile.TextWithBom(path, writer.ToString());
    }

    private static string Str(object o) => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "";
}
