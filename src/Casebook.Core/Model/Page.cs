using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed class Page
{
    /// <summary>The whole file as read; the privacy lint scans it with positions.</summary>
    public string RawText { get; init; } = "";
    public List<string> PrivacyAck { get; init; } = new();
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    /// <summary>The volume <see cref="VolumeId"/> names, bound by Binding.ContentBinder.</summary>
    public Volume? Volume { get; internal set; }
    public int Order { get; init; }
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public bool Draft { get; init; }
}
