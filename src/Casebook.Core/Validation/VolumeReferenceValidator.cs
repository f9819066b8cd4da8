using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Validation;

/// <summary>Volumes named by cases, pages and glossaries exist, and a volume's table of contents agrees with its cases.</summary>
public sealed class VolumeReferenceValidator : IContentValidator
{
    public bool RerunsAfterCaseEdit => true;

    /// <summary>Only what concerns the edited case: its volume field, the tables of contents naming it (its id is
    /// unchanged, so no other entry's finding can change), and its place in its volume's table of contents.</summary>
    public void ValidateCaseEdit(SiteContent content, CaseStudy edited, DiagnosticBag diagnostics)
    {
        var ids = content.Volumes.Select(v => v.Id).ToList();
        CheckVolume(edited.VolumeId, edited.VolumeSpan, ids, diagnostics);
        foreach (var v in content.Volumes)
        {
            var listed = false;
            foreach (var (caseId, span) in v.CaseOrder)
            {
                if (caseId != edited.Id) continue;
                listed = true;
                if (edited.VolumeId != v.Id) Mismatch(caseId, v, edited, span, diagnostics);
            }
            if (!listed && edited.VolumeId == v.Id) NotListed(edited, v, diagnostics);
        }
    }

    private static void CheckVolume(string? id, SourceSpan span, List<string> ids, DiagnosticBag diagnostics)
    {
        if (id is null || ids.Contains(id, StringComparer.Ordinal)) return;
        diagnostics.Error(DiagnosticCodes.UnknownVolume,
            $"巻「{id}」は casebook.yml の volumes にありません。{NearestMatch.Suggest(id, ids)}", span);
    }

    private static void Mismatch(string caseId, Volume v, CaseStudy c, SourceSpan span, DiagnosticBag diagnostics) =>
        diagnostics.Error(DiagnosticCodes.VolumeMismatch,
            $"事例「{caseId}」は巻「{v.Id}」の目次にありますが、事例の volume は「{c.VolumeId ?? "（なし）"}」です。", span);

    private static void NotListed(CaseStudy c, Volume v, DiagnosticBag diagnostics) =>
        diagnostics.Warning(DiagnosticCodes.VolumeMismatch,
            $"事例「{c.Id}」は巻「{v.Id}」に属していますが、casebook.yml の目次（cases）にありません。目次の最後に並べます。", c.VolumeSpan);

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var ids = content.Volumes.Select(v => v.Id).ToList();
        var idSet = ids.ToHashSet(StringComparer.Ordinal);
        void Check(string? id, SourceSpan span)
        {
            if (id is null || idSet.Contains(id)) return;
            CheckVolume(id, span, ids, diagnostics);
        }
        foreach (var c in content.Cases) Check(c.VolumeId, c.VolumeSpan);
        foreach (var p in content.Pages) Check(p.VolumeId, p.VolumeSpan);
        foreach (var g in content.Glossaries) Check(g.VolumeId, g.VolumeSpan);

        // A volume's table of contents and its cases' volume field must agree.
        var byId = content.Cases.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        var casesByVolume = content.Cases.Where(c => c.VolumeId is not null).ToLookup(c => c.VolumeId!, StringComparer.Ordinal);
        foreach (var v in content.Volumes)
        {
            foreach (var (caseId, span) in v.CaseOrder)
            {
                if (!byId.TryGetValue(caseId, out var c))
                {
                    if (!content.UnreadCaseIds.Contains(caseId))
                        diagnostics.Error(DiagnosticCodes.UnknownCase,
                        $"巻「{v.Id}」の目次にある事例「{caseId}」が見つかりません。{NearestMatch.Suggest(caseId, byId.Keys)}", span);
                }
                else if (c.VolumeId != v.Id) Mismatch(caseId, v, c, span, diagnostics);
            }
            var listed = v.CaseOrder.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var c in casesByVolume[v.Id].Where(c => !listed.Contains(c.Id))) NotListed(c, v, diagnostics);
        }
    }
}
