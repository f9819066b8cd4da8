namespace Casebook.Core.Model;

/// <summary>casebook.yml <c>print:</c> — what a print shop asks for. Lengths are millimetres; inside is the
/// binding edge (のど), outside the fore-edge (小口). Japanese horizontal books bind on the left, so page 1
/// and every odd page is a right-hand page.</summary>
public sealed record PrintSettings(
    string Paper,
    double WidthMm,
    double HeightMm,
    double TopMm,
    double BottomMm,
    double InsideMm,
    double OutsideMm,
    bool StartCasesOnRight)
{
    public static PrintSettings Default { get; } = new("A4", 210, 297, 20, 22, 18, 18, false);

    /// <summary>Paper sizes a council orders: A4, and Japan's B5 (JIS, 182×257 mm — not ISO B5, 176×250 mm).</summary>
    public static IReadOnlyDictionary<string, (double Width, double Height)> Papers { get; } =
        new Dictionary<string, (double, double)>(StringComparer.Ordinal) { ["A4"] = (210, 297), ["B5"] = (182, 257) };
}
