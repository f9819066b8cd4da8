using System.Globalization;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Loading;

/// <summary>Reads casebook.yml's optional <c>print:</c> section (paper, margin, start_cases_on_right). A bad value
/// is an error at its position with an example, and the default stands in so the rest of the check goes on.</summary>
public static partial class PrintSettingsLoader
{
    public const double MinMarginMm = 5, MaxMarginMm = 50;

    public static PrintSettings Load(YamlMap? print, DiagnosticBag diagnostics)
    {
        var d = PrintSettings.Default;
        if (print is null) return d;
        var (paper, width, height) = Paper(print, diagnostics) ?? (d.Paper, d.WidthMm, d.HeightMm);
        var margin = print.Map("margin");
        var top = Margin(margin, "top", diagnostics) ?? d.TopMm;
        var bottom = Margin(margin, "bottom", diagnostics) ?? d.BottomMm;
        var inside = Margin(margin, "inside", diagnostics) ?? d.InsideMm;
        var outside = Margin(margin, "outside", diagnostics) ?? d.OutsideMm;
        margin?.ReportUnknownKeys();
        var right = print.Bool("start_cases_on_right", d.StartCasesOnRight);
        print.ReportUnknownKeys();
        return new PrintSettings(paper, width, height, top, bottom, inside, outside, right);
    }

    private static (string, double, double)? Paper(YamlMap print, DiagnosticBag diagnostics)
    {
        var value = print.String("paper");
        if (value is null) return null;
        var key = value.Normalize(System.Text.NormalizationForm.FormKC).Trim().ToUpperInvariant();
        if (PrintSettings.Papers.TryGetValue(key, out var size)) return (key, size.Width, size.Height);
        diagnostics.Error(DiagnosticCodes.InvalidValue,
            $"print.paper「{value}」は使えません。A4 か B5（日本の B5、182×257mm）にしてください。{NearestMatch.Suggest(key, PrintSettings.Papers.Keys)}",
            print.SpanOf("paper"));
        return null;
    }

    private static double? Margin(YamlMap? margin, string side, DiagnosticBag diagnostics)
    {
        var value = margin?.String(side);
        if (margin is null || value is null) return null;
        var m = Millimetres().Match(value.Normalize(System.Text.NormalizationForm.FormKC).Trim());
        var mm = m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value == "cm" ? 10 : 1) : double.NaN;
        if (mm is >= MinMarginMm and <= MaxMarginMm) return mm;
        diagnostics.Error(DiagnosticCodes.InvalidValue, m.Success
                ? $"print.margin.{side} は {MinMarginMm}〜{MaxMarginMm}mm にしてください（{value} と書かれています）。"
                : $"print.margin.{side}「{value}」は 20mm のように mm で書いてください（cm も使えます。数字だけなら mm）。",
            margin.SpanOf(side));
        return null;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(mm|cm)?$")]
    private static partial Regex Millimetres();
}
