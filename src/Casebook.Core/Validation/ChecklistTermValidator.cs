using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Validation;

/// <summary>An open tag a checklist item recommends cases by should be a tag some case has.</summary>
public sealed class ChecklistTermValidator : IContentValidator
{
    // Whether some case uses a tag changes only when a case gains or loses one.
    public CaseEdit AffectedBy => CaseEdit.Tags;

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var usedTags = content.Cases.SelectMany(c => c.Tags).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var cl in content.Checklists)
            foreach (var item in cl.Items)
                foreach (var r in item.TermRefs)
                {
                    var slash = r.Raw.IndexOf('/');
                    if (slash <= 0 || !content.Taxonomies.TryGetValue(r.Raw[..slash], out var tax) || tax.Closed) continue;
                    var tag = TextNormalizer.Tag(r.Raw[(slash + 1)..]);
                    if (!usedTags.Contains(tag))
                        diagnostics.Warning(DiagnosticCodes.UnknownTerm, $"タグ「{tag}」の事例がありません。{NearestMatch.Suggest(tag, usedTags)}", r.Span);
                }
    }
}
