using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Validation;

/// <summary>The validation stage: every rule over the bound content (see <see cref="Binding.ContentBinder"/>), in any order.</summary>
public static class ContentValidation
{
    public static readonly IReadOnlyList<IContentValidator> All =
    [
        new DuplicateIdValidator(),
        new VolumeContentsValidator(),
        new CaseReferenceValidator(),
        new ChecklistTermValidator(),
        new PrivacyLint(),
    ];

    /// <summary>The rules whose findings an edit to one case can change, given what the edit changed.</summary>
    public static IEnumerable<IContentValidator> ForCaseEdit(CaseEdit change) => All.Where(v => (v.AffectedBy & change) != 0);

    public static void Run(SiteContent content, DiagnosticBag diagnostics)
    {
        foreach (var v in All) v.Validate(content, diagnostics);
    }

    /// <summary>The rules for one edited case (serve).</summary>
    public static void RunForCaseEdit(SiteContent content, CaseStudy edited, CaseEdit change, DiagnosticBag diagnostics)
    {
        foreach (var v in ForCaseEdit(change)) v.ValidateCaseEdit(content, edited, diagnostics);
    }
}
