using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Casebook.Publishing.Pdf;

/// <summary>Makes Chromium's PDF the same bytes for the same site. Rewrites in place with the same length, so
/// the file's offsets stay valid.</summary>
public static partial class ReproduciblePdf
{
    public static void Apply(string pdfFile, string? sourceDateEpoch)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(pdfFile));
        var stable = StampDates(StructureIds(text), sourceDateEpoch);
        if (stable.Length == text.Length && stable != text) File.WriteAllBytes(pdfFile, Encoding.Latin1.GetBytes(stable));
    }

    /// <summary>With <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds convention) the creation
    /// and modification dates are that time; without it they stay Chromium's (now).</summary>
    public static string StampDates(string pdf, string? sourceDateEpoch)
    {
        if (!long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return pdf;
        var stamp = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return PdfDate().Replace(pdf, m => m.Groups[1].Value + stamp + "+00'00')");
    }

    /// <summary>A tagged PDF names structure elements after Blink's DOM node ids, which vary by a few between
    /// runs. They are renumbered from 1 in their sorted order: the same length, the same order (the IDTree is
    /// a name tree kept sorted), and the same numbers every time.</summary>
    public static string StructureIds(string pdf)
    {
        var ids = NodeId().Matches(pdf).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var renumbered = ids.Select((id, i) => (id, i + 1)).ToDictionary(x => x.id, x => x.Item2.ToString("D8", CultureInfo.InvariantCulture));
        return NodeId().Replace(pdf, m => "(node" + renumbered[m.Groups[1].Value] + ")");
    }

    [GeneratedRegex(@"(/(?:CreationDate|ModDate) \(D:)\d{14}(?:Z|[+-]\d{2}'\d{2}')\)")]
    private static partial Regex PdfDate();

    [GeneratedRegex(@"\(node(\d{8})\)")]
    private static partial Regex NodeId();
}
