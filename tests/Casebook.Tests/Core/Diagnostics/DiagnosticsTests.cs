using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Diagnostics;

/// <summary>Every problem of a broken site in one run, each with its code, file and position.</summary>
public class DiagnosticsTests
{
    private static IReadOnlyList<Diagnostic> CheckWith(string files)
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + "\n" + files);
        return site.Check().Diagnostics;
    }

    [Fact]
    public void All_problems_are_reported_in_one_run()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + "\n" + """
            -- input/cases/bad-yaml.md --
            ---
            title: [unclosed
            ---
            -- input/cases/unknown-terms.md --
            ---
            title: 未知の語
            organization: 社協
            fiscal_year: 2022
            volume: vol-b
            elements: [9]
            pillars: [見守りつながり]
            ---
            [壊れたリンク](/cases/gamma/)
            -- input/cases/missing.md --
            ---
            subtitle: 題名がない
            fiscal_year: 二〇二二
            ---
            """);
        site.WriteBytes("input/cases/empty.md", []);
        site.WriteBytes("input/cases/sjis.md", System.Text.CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetBytes("---\ntitle: 事例\n---\n本文\n"));
        site.Write("input/cases/dup.md", "---\nid: alpha\ntitle: 重複\norganization: 社協\nfiscal_year: 2022\n---\n");
        site.Write("input/cases/open.md", "---\ntitle: 閉じない\norganization: 社協\n");

        var result = site.Check();
        Assert.False(result.Success);
        var d = result.Diagnostics;
        void Has(string code, string path, string? text = null, int line = -1) =>
            Assert.True(d.Any(x => x.Code == code && x.Span.Path == path && (text is null || x.Message.Contains(text)) && (line < 0 || x.Span.Line == line)),
                $"expected {code} in {path} {text}\n" + string.Join("\n", d));

        Has(DiagnosticCodes.InvalidYaml, "input/cases/bad-yaml.md");
        Has(DiagnosticCodes.UnknownTerm, "input/cases/unknown-terms.md", "9", line: 6);
        Has(DiagnosticCodes.UnknownTerm, "input/cases/unknown-terms.md", "もしかして「見守り・つながり」", line: 7);
        Has(DiagnosticCodes.UnknownVolume, "input/cases/unknown-terms.md", "もしかして「vol-a」", line: 5);
        Has(DiagnosticCodes.BrokenLink, "input/cases/unknown-terms.md", "/cases/gamma/", line: 9);
        Has(DiagnosticCodes.MissingField, "input/cases/missing.md", "title");
        Has(DiagnosticCodes.MissingField, "input/cases/missing.md", "organization");
        Has(DiagnosticCodes.WrongType, "input/cases/missing.md", "fiscal_year", line: 3);
        Has(DiagnosticCodes.EmptyFile, "input/cases/empty.md");
        Has(DiagnosticCodes.ShiftJis, "input/cases/sjis.md", "Shift_JIS");
        Has(DiagnosticCodes.DuplicateId, "input/cases/dup.md", "alpha");
        Has(DiagnosticCodes.UnclosedFrontMatter, "input/cases/open.md");
        // Printed in MSBuild form.
        Assert.Contains(d, x => x.ToString().StartsWith("input/cases/unknown-terms.md(7,", StringComparison.Ordinal) && x.ToString().Contains(": error CB1201: "));
    }

    [Fact]
    public void Volume_table_of_contents_must_name_existing_cases()
    {
        var d = CheckWith("").ToList();
        Assert.DoesNotContain(d, x => x.Severity == Severity.Error);
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, betta]") + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var diags = site.Check().Diagnostics;
        Assert.Contains(diags, x => x.Code == DiagnosticCodes.UnknownCase && x.Message.Contains("もしかして「beta」") && x.Span.Path == "casebook.yml");
        Assert.Contains(diags, x => x.Code == DiagnosticCodes.VolumeMismatch && x.Severity == Severity.Warning);
    }

    [Fact]
    public void A_case_file_that_cannot_be_read_is_reported_once_not_again_where_it_is_referenced()
    {
        // beta is in vol-a's table of contents, alpha links to it, and its own file has a YAML error
        // (with an id line) while gamma's file is empty (its id is the file name).
        using var site = new FixtureSite(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]") + "\n"
            + FixtureSite.Case("alpha", body: "## きっかけ\n[ベータ](/cases/beta/)と[ガンマ](/cases/gamma/)と[デルタ](/cases/delta/)。\n") + "\n" + """
            -- input/cases/broken.md --
            ---
            id: beta
            title: "閉じない引用符
            ---
            """);
        site.WriteBytes("input/cases/gamma.md", []);
        var d = site.Check().Diagnostics.Where(x => x.Severity == Severity.Error).ToList();
        Assert.Contains(d, x => x.Code == DiagnosticCodes.InvalidYaml && x.Span.Path == "input/cases/broken.md");
        Assert.Contains(d, x => x.Code == DiagnosticCodes.EmptyFile && x.Span.Path == "input/cases/gamma.md");
        // A link to a case that does not exist at all is still an error.
        Assert.Contains(d, x => x.Code == DiagnosticCodes.BrokenLink && x.Message.Contains("/cases/delta/"));
        Assert.True(d.Count == 3, string.Join("\n", d));
    }

    [Fact]
    public void Checklist_terms_must_exist()
    {
        var d = CheckWith("""
            -- input/checklists/c.yml --
            title: チェック
            scale:
              - { id: yes, label: できている, score: 1 }
              - { id: no, label: できていない, score: 0 }
            items:
              - id: a
                label: 項目
                terms: [elements/8, element/1, tags/タクシー]
            """);
        Assert.Contains(d, x => x.Code == DiagnosticCodes.UnknownTerm && x.Span.Path == "input/checklists/c.yml" && x.Span.Line == 8);
        Assert.Contains(d, x => x.Code == DiagnosticCodes.UnknownTaxonomy && x.Message.Contains("elements"));
    }

    [Fact]
    public void Missing_config_is_reported()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-empty-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var r = Casebook.Core.Pipeline.Check(new Casebook.Core.BuildOptions(root, Path.Combine(root, "_site"), ThemeDir: Repo.Theme));
            Assert.Equal(DiagnosticCodes.MissingConfig, r.Diagnostics.Single().Code);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void Template_errors_name_the_template()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + "\n" + """
            -- theme/layouts/base.liquid --
            {{ content }
            """);
        // The fixture's own theme/ folder wins over the repository theme only when it has layouts; build with it explicitly.
        var r = Casebook.Core.Pipeline.Run(new Casebook.Core.BuildOptions(site.Root, site.Output, ThemeDir: Path.Combine(site.Root, "theme")));
        Assert.Contains(r.Diagnostics, x => x.Code == DiagnosticCodes.TemplateError && x.Span.Path.EndsWith("base.liquid", StringComparison.Ordinal));
    }
}
