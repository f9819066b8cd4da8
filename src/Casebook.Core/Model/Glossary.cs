using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed record GlossaryEntry(string Abbr, string Expansion, string Note, string SourcePath);

public sealed class Glossary
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    /// <summary>Empty: the theme's name for a glossary.</summary>
    public string Title { get; init; } = "";
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    /// <summary>The volume <see cref="VolumeId"/> names, bound by Binding.ContentBinder.</summary>
    public Volume? Volume { get; internal set; }
    public required List<GlossaryEntry> Entries { get; init; }
}
