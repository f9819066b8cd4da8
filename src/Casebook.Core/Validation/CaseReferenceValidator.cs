using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Validation;

/// <summary>Case ids named by lessons must exist.</summary>
public sealed class CaseReferenceValidator : IContentValidator
{
    // Ids are unchanged by a case edit (a changed id is a full build).
    public CaseEdit AffectedBy => CaseEdit.None;

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var ids = content.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var l in content.Lessons)
            foreach (var r in l.RelatedCaseRefs.Concat(l.Blocks.SelectMany(b => b.Items).SelectMany(i => i.CaseRefs)))
                if (!ids.Contains(r.Raw) && !content.UnreadCaseIds.Contains(r.Raw))
                    diagnostics.Error(DiagnosticCodes.UnknownCase, $"事例「{r.Raw}」が見つかりません。{NearestMatch.Suggest(r.Raw, ids)}", r.Span);
    }
}
