namespace Casebook.Core.Model;

public sealed record ScaleOption(string Id, string Label, double? Score, string Description);

public sealed record ChecklistItem(string Id, string Label, string Guidance, string Good, List<TermRef> TermRefs)
{
    /// <summary>The terms <see cref="TermRefs"/> name, bound by Binding.ContentBinder.</summary>
    public List<Term> Terms { get; internal set; } = new();
}

public sealed class Checklist
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Level { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>Heading of each item's notes field; empty: the theme's (notes_label_default).</summary>
    public string NotesLabel { get; init; } = "";
    public required List<ScaleOption> Scale { get; init; }
    public required List<ChecklistItem> Items { get; init; }
}
