namespace Casebook.Core.Model;

public sealed record LessonItem(string Title, string Subtitle, string Text, List<TermRef> CaseRefs);
public sealed record LessonBlock(string Type, string Title, List<LessonItem> Items);

public sealed class Lesson
{
    /// <summary>The whole file as read; the privacy lint scans it with positions.</summary>
    public string RawText { get; init; } = "";
    public List<string> PrivacyAck { get; init; } = new();
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string Source { get; init; } = "";
    public List<TermRef> RelatedCaseRefs { get; init; } = new();
    public List<LessonBlock> Blocks { get; init; } = new();
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public bool Draft { get; init; }
}
