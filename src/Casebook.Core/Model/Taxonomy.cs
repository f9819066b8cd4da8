using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed class Taxonomy
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required bool Closed { get; init; }
    public required bool Numbered { get; init; }
    public required List<Term> Terms { get; init; }
    public SourceSpan Span { get; init; }
}
