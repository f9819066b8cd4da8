namespace Casebook.Core.Model;

/// <summary>Who put a case's element or pillar marks there: the published casebook (its printed ✔)
/// or this site's editors (their reading of the text). Readers cite printed marks as the council's
/// own, so the two must never look alike.</summary>
public enum MarkBasis
{
    Editorial,
    Source,
}

public static class MarkBases
{
    /// <summary>The words used in front matter, casebook.yml and the exports.</summary>
    public static readonly IReadOnlyList<string> Names = ["source", "editorial"];

    public static string Name(this MarkBasis basis) => basis == MarkBasis.Source ? "source" : "editorial";

    public static MarkBasis? Parse(string? name) => name switch
    {
        "source" => MarkBasis.Source,
        "editorial" => MarkBasis.Editorial,
        _ => null,
    };

    /// <summary>The case's own statement, else its volume's default, else editorial: a mark is only
    /// called printed when someone said so.</summary>
    public static MarkBasis ElementsBasisIn(this CaseStudy c, Volume? volume) =>
        c.ElementsBasis ?? volume?.ElementsBasis ?? MarkBasis.Editorial;

    public static MarkBasis PillarsBasisIn(this CaseStudy c, Volume? volume) =>
        c.PillarsBasis ?? volume?.PillarsBasis ?? MarkBasis.Editorial;
}
