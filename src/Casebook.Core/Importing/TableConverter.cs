using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary>A Word table as a Markdown pipe table (the first row as header), with the text of each cell kept for
/// recognising the 7-element table and label/value rows. Merged cells repeat nothing: a span leaves empty cells.</summary>
public sealed class TableConverter(InlineWriter inline, ImportContext context)
{
    public sealed record Converted(List<List<string>> Markdown, List<List<string>> Text, List<string> Images);

    public Converted Read(Table table)
    {
        var markdown = new List<List<string>>();
        var text = new List<List<string>>();
        var images = new List<string>();
        foreach (var row in table.Elements<TableRow>())
        {
            var md = new List<string>();
            var plain = new List<string>();
            foreach (var cell in row.Elements<TableCell>())
            {
                var parts = new List<string>();
                foreach (var p in cell.Descendants<Paragraph>())
                {
                    context.Paragraph++;
                    var r = inline.Write(p, "<br>");
                    if (r.Text.Length > 0) parts.Add(r.Text);
                    images.AddRange(r.Images);
                }
                md.Add(string.Join("<br>", parts));   // '|' in text is escaped already
                plain.Add(cell.InnerText);
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                for (var s = 1; s < span; s++) { md.Add(""); plain.Add(""); }
            }
            if (md.Count > 0) { markdown.Add(md); text.Add(plain); }
        }
        return new Converted(markdown, text, images);
    }

    public static string ToMarkdown(List<List<string>> rows)
    {
        var width = rows.Max(r => r.Count);
        string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        var lines = new List<string> { Line(Pad(rows[0], width)), Line(Enumerable.Repeat("---", width)) };
        lines.AddRange(rows.Skip(1).Select(r => Line(Pad(r, width))));
        return string.Join("\n", lines);
    }

    private static IEnumerable<string> Pad(List<string> row, int width) => row.Concat(Enumerable.Repeat("", width - row.Count));
}
