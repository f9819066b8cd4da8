namespace Casebook.Core.Model;

public sealed record Term(
    string Taxonomy,
    string Id,           // stable key and URL slug
    string Label,
    string Short,
    string Description,
    int? Number)
{
    /// <summary>① 記録と共有 for numbered terms, the label otherwise.</summary>
    public string Display => Number is int n ? $"{Text.Wareki.CircledNumber(n)} {Label}" : Label;
}
