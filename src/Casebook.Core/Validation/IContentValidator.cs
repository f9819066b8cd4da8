using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Validation;

/// <summary>One rule over the bound content. A validator reads and reports every problem it finds; it changes nothing.</summary>
public interface IContentValidator
{
    /// <summary>Whether an edit to one case file (its id and draft state unchanged) can change what this rule reports.
    /// Serve runs exactly these again after such an edit (<see cref="ContentValidation.ForCaseEdit"/>).</summary>
    bool RerunsAfterCaseEdit { get; }

    void Validate(SiteContent content, DiagnosticBag diagnostics);

    /// <summary>The rule after <paramref name="edited"/> alone changed; <paramref name="content"/> holds it already.
    /// By default the whole rule again (diagnostics are de-duplicated); a rule about each file on its own checks that file only.</summary>
    void ValidateCaseEdit(SiteContent content, CaseStudy edited, DiagnosticBag diagnostics) => Validate(content, diagnostics);
}
