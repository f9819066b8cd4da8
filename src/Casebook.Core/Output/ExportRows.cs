using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Model;

namespace Casebook.Core.Output;

/// <summary>Each case's record in the JSON and CSV exports, made once and kept: the site-wide and per-volume files are
/// assembled from these rows, and serve keeps them from one rebuild to the next, making again only the rows whose case,
/// number or volume changed.</summary>
public sealed class ExportRows
{
    private sealed record Row(CaseStudy Case, int Number, string VolumeTitle, string Url, byte[] Json, byte[] Csv);

    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    private static readonly string[] Header =
        ["番号", "ID", "題名", "副題", "組織", "執筆者", "都道府県", "圏域", "市区町村", "区", "年度", "和暦", "事例集", "7つの要素", "7つの要素の根拠", "柱", "柱の根拠", "テーマ", "URL"];

    private Row For(SiteGraph g, CaseStudy c)
    {
        var number = g.CaseNumber(c);
        var volume = g.VolumeOf(c)?.Title ?? "";
        var url = g.Links.Case(c.Id).Url;
        if (_rows.TryGetValue(c.Id, out var row) && ReferenceEquals(row.Case, c) && row.Number == number && row.VolumeTitle == volume && row.Url == url)
            return row;
        // An element of an indented array sits two spaces in; the record's own lines are indented the same way.
        var json = "  " + JsonSerializer.Serialize(JsonExport.CaseRecord(g, c), JsonExport.Options).Replace("\n", "\n  ", StringComparison.Ordinal);
        row = new Row(c, number, volume, url, Utf8.GetBytes(json), Utf8.GetBytes(CsvExport.Row(g, c)));
        _rows[c.Id] = row;
        return row;
    }

    /// <summary>Makes (or checks) every case's row, spread over the cores: the site-wide files would otherwise make
    /// them one by one on a single thread.</summary>
    public void Prepare(SiteGraph g, IReadOnlyList<CaseStudy> cases) => Parallel.For(0, cases.Count, i => For(g, cases[i]));

    /// <summary>Makes (or checks) the rows of <paramref name="count"/> cases from <paramref name="start"/>: one piece of
    /// a build's work queue.</summary>
    public void Prepare(SiteGraph g, IReadOnlyList<CaseStudy> cases, int start, int count)
    {
        for (var i = start; i < Math.Min(cases.Count, start + count); i++) For(g, cases[i]);
    }

    /// <summary>The cases as a JSON array, byte for byte what serialising the records together writes.</summary>
    public OutputFile Json(string path, SiteGraph g, IReadOnlyList<CaseStudy> cases)
    {
        if (cases.Count == 0) return OutputFile.Text(path, "[]\n");
        var rows = cases.Select(c => For(g, c).Json).ToList();
        return new OutputFile(path, Join("[\n"u8, rows, ",\n"u8, "\n]\n"u8));
    }

    /// <summary>The cases as CSV for Excel (see <see cref="CsvExport"/>), with a byte order mark.</summary>
    public OutputFile Csv(string path, SiteGraph g, IReadOnlyList<CaseStudy> cases)
    {
        var rows = cases.Select(c => For(g, c).Csv).ToList();
        return new OutputFile(path, Join([0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(CsvExport.Line(Header))], rows, [], []));
    }

    private static byte[] Join(ReadOnlySpan<byte> head, List<byte[]> rows, ReadOnlySpan<byte> separator, ReadOnlySpan<byte> tail)
    {
        var length = head.Length + tail.Length + Math.Max(0, rows.Count - 1) * separator.Length + rows.Sum(r => r.Length);
        var bytes = new byte[length];
        var at = 0;
        head.CopyTo(bytes);
        at += head.Length;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0) { separator.CopyTo(bytes.AsSpan(at)); at += separator.Length; }
            rows[i].CopyTo(bytes, at);
            at += rows[i].Length;
        }
        tail.CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    /// <summary>Forgets the rows of cases no longer in the site.</summary>
    public void Keep(IReadOnlyDictionary<string, CaseStudy> cases)
    {
        foreach (var id in _rows.Keys)
            if (!cases.ContainsKey(id)) _rows.TryRemove(id, out _);
    }
}
