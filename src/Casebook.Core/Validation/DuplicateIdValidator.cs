using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Validation;

/// <summary>Ids of cases, lessons, pages and checklists are unique within their kind.</summary>
public sealed class DuplicateIdValidator : IContentValidator
{
    // A case edit that changes an id is a full build.
    public CaseEdit AffectedBy => CaseEdit.None;

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        Check(content.Cases.Select(c => (c.Id, Span: c.IdSpan)), "事例", diagnostics);
        Check(content.Lessons.Select(l => (l.Id, Span: new SourceSpan(l.SourcePath, 1, 1))), "教材", diagnostics);
        Check(content.Pages.Select(p => (p.Id, Span: new SourceSpan(p.SourcePath, 1, 1))), "ページ", diagnostics);
        Check(content.Checklists.Select(c => (c.Id, Span: new SourceSpan(c.SourcePath, 1, 1))), "チェックリスト", diagnostics);
    }

    private static void Check(IEnumerable<(string Id, SourceSpan Span)> items, string kind, DiagnosticBag diagnostics)
    {
        foreach (var g in items.GroupBy(x => x.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = g.First();
            foreach (var dup in g.Skip(1))
                diagnostics.Error(DiagnosticCodes.DuplicateId,
                    $"{kind}の ID「{g.Key}」が重複しています（{first.Span.Path} でも使われています）。", dup.Span);
        }
    }
}
