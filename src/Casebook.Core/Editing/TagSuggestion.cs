using Casebook.Core.Model;

namespace Casebook.Core.Editing;

public enum SuggestionKind
{
    /// <summary>Not on the case yet: <c>--apply</c> adds it.</summary>
    New,
    /// <summary>The case has this tag already (perhaps written differently, e.g. 全角).</summary>
    AlreadyThere,
    /// <summary>Not a tag of the site, but close to one (<see cref="Existing"/>): left for the editor to decide.</summary>
    NearDuplicate,
}

/// <summary>A tag readers suggested for a case; <c>Readers</c> is how many different readers suggested it.</summary>
public sealed record TagSuggestion(string Tag, int Readers, SuggestionKind Kind, string? Existing = null);

public sealed record ReaderNote(string Reader, string Text);

public sealed record CaseImport(CaseStudy Case, List<TagSuggestion> Tags, List<ReaderNote> Notes)
{
    public IEnumerable<TagSuggestion> New => Tags.Where(t => t.Kind == SuggestionKind.New);
}
