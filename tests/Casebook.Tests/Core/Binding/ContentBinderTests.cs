using Casebook.Core.Binding;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Validation;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Binding;

/// <summary>Binding resolves the names written in content; validation only reads the bound model.</summary>
public class ContentBinderTests
{
    private const string Checklist = """
        -- input/checklists/self.yml --
        title: 自己チェック
        scale:
          - { id: yes, label: できている, score: 1 }
          - { id: no, label: できていない, score: 0 }
        items:
          - { id: a, label: 記録を共有している, terms: [elements/2, tags/タクシー, tags/だれも使わない] }
        """;

    private static SiteContent Load(FixtureSite site, DiagnosticBag diagnostics) =>
        ContentLoader.Load(site.Root, null, diagnostics) ?? throw new InvalidOperationException("fixture did not load");

    [Fact]
    public void Binding_resolves_case_and_checklist_terms_by_any_of_their_names()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", "") + "\n" + Checklist);
        var diagnostics = new DiagnosticBag();
        var content = Load(site, diagnostics);
        var alpha = content.Cases.Single();
        Assert.Empty(alpha.Elements);   // loading names terms; binding resolves them

        ContentBinder.Bind(content, diagnostics);

        Assert.Equal([1, 2], alpha.Elements.Select(t => t.Number!.Value));
        Assert.Equal(["seikatsu-shien"], alpha.Pillars.Select(t => t.Id));
        Assert.Equal(["タクシー"], alpha.Tags.Select(t => t.Id));
        var item = content.Checklists.Single().Items.Single();
        Assert.Equal(["elements:2", "tags:タクシー", "tags:だれも使わない"], item.Terms.Select(t => t.Taxonomy + ":" + t.Id));
        Assert.False(diagnostics.HasErrors);
    }

    [Fact]
    public void An_unknown_closed_term_is_reported_by_binding_with_the_terms_that_exist()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", "") .Replace("elements: [1, 2]", "elements: [1, 9]"));
        var diagnostics = new DiagnosticBag();
        var content = Load(site, diagnostics);
        ContentBinder.Bind(content, diagnostics);
        var error = Assert.Single(diagnostics.Sorted(), d => d.Code == DiagnosticCodes.UnknownTerm);
        Assert.Equal("input/cases/alpha.md", error.Span.Path);
        Assert.Contains("使える語: 1・2・3・4・5・6・7", error.Message);
        Assert.Equal([1], content.Cases.Single().Elements.Select(t => t.Number!.Value));
    }

    [Fact]
    public void Validators_read_the_bound_model_and_change_nothing()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", "") + "\n" + Checklist);
        var diagnostics = new DiagnosticBag();
        var content = Load(site, diagnostics);
        ContentBinder.Bind(content, diagnostics);
        var alpha = content.Cases.Single();
        var (elements, tags, itemTerms) = (alpha.Elements, alpha.Tags, content.Checklists.Single().Items.Single().Terms);

        ContentValidation.Run(content, diagnostics);

        Assert.Same(elements, alpha.Elements);
        Assert.Same(tags, alpha.Tags);
        Assert.Same(itemTerms, content.Checklists.Single().Items.Single().Terms);
        // The checklist names a tag no case has: a warning from validation, read from the bound cases.
        var warning = Assert.Single(diagnostics.Sorted(), d => d.Code == DiagnosticCodes.UnknownTerm);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("だれも使わない", warning.Message);
    }

    [Fact]
    public void Binding_resolves_volumes_of_cases_pages_and_glossaries_and_reports_unknown_ones_once()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta", volume: "vol-b") + "\n" + """
            -- input/glossary/vol-a.yml --
            volume: vol-a
            entries:
              - { abbr: CP, expansion: 地域ケアプラザ }
            -- input/glossary/general.yml --
            entries:
              - { abbr: 社協, expansion: 社会福祉協議会 }
            """);
        var diagnostics = new DiagnosticBag();
        var content = Load(site, diagnostics);
        Assert.All(content.Cases, c => Assert.Null(c.Volume));   // loading keeps the id as written

        ContentBinder.Bind(content, diagnostics);

        var volume = content.Volumes.Single(v => v.Id == "vol-a");
        Assert.Same(volume, content.Cases.Single(c => c.Id == "alpha").Volume);
        Assert.Null(content.Cases.Single(c => c.Id == "beta").Volume);
        Assert.Equal(["CP"], volume.GlossaryEntries.Select(e => e.Abbr));
        Assert.Equal(["社協"], content.SiteGlossaries.SelectMany(g => g.Entries).Select(e => e.Abbr));
        var unknown = Assert.Single(diagnostics.Sorted(), d => d.Code == DiagnosticCodes.UnknownVolume);
        Assert.Contains("vol-b", unknown.Message);
        Assert.Contains("vol-a", unknown.Message);   // the near match

        var validation = new DiagnosticBag();
        ContentValidation.Run(content, validation);
        Assert.DoesNotContain(validation.Sorted(), d => d.Code == DiagnosticCodes.UnknownVolume);
    }

    [Fact]
    public void The_validators_for_a_case_edit_are_those_that_declare_it()
    {
        static List<string> For(CaseEdit change) => ContentValidation.ForCaseEdit(change).Select(v => v.GetType().Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["PrivacyLint"], For(CaseEdit.Body));
        Assert.Equal(["PrivacyLint", "VolumeContentsValidator"], For(CaseEdit.Body | CaseEdit.FrontMatter));
        Assert.Equal(["ChecklistTermValidator"], For(CaseEdit.Tags));
        Assert.Empty(For(CaseEdit.None));
        Assert.All(ContentValidation.All.Except(ContentValidation.ForCaseEdit(CaseEdit.Body | CaseEdit.FrontMatter | CaseEdit.Tags)),
            v => Assert.Equal(CaseEdit.None, v.AffectedBy));
    }

    [Fact]
    public void A_case_edit_lints_only_the_edited_file_for_privacy()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "電話 045-000-0000\n") + "\n"
            + FixtureSite.Case("beta", body: "電話 045-111-1111\n"));
        var diagnostics = new DiagnosticBag();
        var content = Load(site, diagnostics);
        ContentBinder.Bind(content, diagnostics);
        var edited = content.Cases.Single(c => c.Id == "beta");
        var lint = new DiagnosticBag();
        new PrivacyLint().ValidateCaseEdit(content, edited, lint);
        var found = Assert.Single(lint.Sorted());
        Assert.Equal("input/cases/beta.md", found.Span.Path);
    }
}
