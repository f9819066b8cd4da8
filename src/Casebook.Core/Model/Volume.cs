using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed record Person(string Name, string Organization, string Role);

public sealed class Volume
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Subtitle { get; init; } = "";
    public required string Publisher { get; init; }
    public required int FiscalYear { get; init; }
    public int? Number { get; init; }
    public required List<(string Id, SourceSpan Span)> CaseOrder { get; init; }
    public SourceSpan Span { get; init; }
    /// <summary>Default for the volume's cases: did the casebook print the ✔ marks (source) or did we assign them?</summary>
    public MarkBasis ElementsBasis { get; init; } = MarkBasis.Editorial;
    public MarkBasis PillarsBasis { get; init; } = MarkBasis.Editorial;

    // From input/volumes/<id>.md; an empty title is the theme's (foreword_title).
    public string ForewordTitle { get; set; } = "";
    public string ForewordMarkdown { get; set; } = "";
    public int ForewordFirstLine { get; set; }
    public string? ForewordPath { get; set; }
    public List<Person> Contributors { get; set; } = new();
    public string Colophon { get; set; } = "";

    /// <summary>The glossaries naming this volume (its 略字表記), in file order; bound by Binding.ContentBinder.</summary>
    public List<Glossary> Glossaries { get; internal set; } = new();
    public IEnumerable<GlossaryEntry> GlossaryEntries => Glossaries.SelectMany(g => g.Entries);
}
