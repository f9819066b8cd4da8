using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed record GlossaryEntry(string Abbr, string Expansion, string Note, string SourcePath);

public sealed class Glossary
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public string Title { get; init; } = "用語集";
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    public required List<GlossaryEntry> Entries { get; init; }
}
