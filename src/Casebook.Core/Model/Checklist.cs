namespace Casebook.Core.Model;

public sealed record ScaleOption(string Id, string Label, double? Score, string Description);

public sealed record ChecklistItem(string Id, string Label, string Guidance, string Good, List<TermRef> TermRefs)
{
    public List<Term> Terms { get; set; } = new();
}

public sealed class Checklist
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Level { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Description { get; init; } = "";
    public string NotesLabel { get; init; } = "現在の取組";
    public required List<ScaleOption> Scale { get; init; }
    public required List<ChecklistItem> Items { get; init; }
}
