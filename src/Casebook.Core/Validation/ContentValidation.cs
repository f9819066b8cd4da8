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

    /// <summary>The rules whose findings an edit to one case can change.</summary>
    public static readonly IReadOnlyList<IContentValidator> ForCaseEdit = All.Where(v => v.RerunsAfterCaseEdit).ToList();

    public static void Run(SiteContent content, DiagnosticBag diagnostics)
    {
        foreach (var v in All) v.Validate(content, diagnostics);
    }

    /// <summary>The rules for one edited case (serve).</summary>
    public static void RunForCaseEdit(SiteContent content, CaseStudy edited, DiagnosticBag diagnostics)
    {
        foreach (var v in ForCaseEdit) v.ValidateCaseEdit(content, edited, diagnostics);
    }
}
