using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Validation;

/// <summary>One rule over the bound content. A validator reads and reports every problem it finds; it changes nothing.</summary>
public interface IContentValidator
{
    /// <summary>Which changes to one case file can change what this rule reports (<see cref="CaseEdit.None"/>: none can).
    /// Serve runs exactly the rules an edit affects again (<see cref="ContentValidation.ForCaseEdit"/>).</summary>
    CaseEdit AffectedBy { get; }

    void Validate(SiteContent content, DiagnosticBag diagnostics);

    /// <summary>The rule after <paramref name="edited"/> alone changed; <paramref name="content"/> holds it already.
    /// By default the whole rule again (diagnostics are de-duplicated); a rule about each file on its own checks that file only.</summary>
    void ValidateCaseEdit(SiteContent content, CaseStudy edited, DiagnosticBag diagnostics) => Validate(content, diagnostics);
}
