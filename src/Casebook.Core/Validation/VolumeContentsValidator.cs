using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Validation;

/// <summary>A volume's table of contents agrees with its cases (the volume each case names is bound, and reported when
/// unknown, by Binding.ContentBinder).</summary>
public sealed class VolumeContentsValidator : IContentValidator
{
    // A case names its volume in front matter.
    public CaseEdit AffectedBy => CaseEdit.FrontMatter;

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var byId = content.Cases.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        var casesByVolume = content.Cases.Where(c => c.Volume is not null).ToLookup(c => c.Volume!);
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
                else if (c.Volume != v)
                    diagnostics.Error(DiagnosticCodes.VolumeMismatch,
                        $"事例「{caseId}」は巻「{v.Id}」の目次にありますが、事例の volume は「{c.VolumeId ?? "（なし）"}」です。", span);
            }
            var listed = v.CaseOrder.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var c in casesByVolume[v].Where(c => !listed.Contains(c.Id)))
                diagnostics.Warning(DiagnosticCodes.VolumeMismatch,
                    $"事例「{c.Id}」は巻「{v.Id}」に属していますが、casebook.yml の目次（cases）にありません。目次の最後に並べます。", c.VolumeSpan);
        }
    }
}
