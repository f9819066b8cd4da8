namespace Casebook.Core.Validation;

/// <summary>What changed when one case file was edited (its id and draft state unchanged). A rule says which of these
/// can change its findings (<see cref="IContentValidator.AffectedBy"/>); serve runs those again.</summary>
[Flags]
public enum CaseEdit
{
    None = 0,
    /// <summary>The Markdown body.</summary>
    Body = 1,
    /// <summary>The front matter (title, volume, terms, …).</summary>
    FrontMatter = 2,
    /// <summary>The open tags the case uses (a front-matter edit that added or removed one).</summary>
    Tags = 4,
}
