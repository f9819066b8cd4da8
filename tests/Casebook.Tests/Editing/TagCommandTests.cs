using System.Diagnostics;
using System.Text;
using Casebook.Core.Editing;
using Casebook.Tests.Core;
using Casebook.Tests.Support;

namespace Casebook.Tests.Editing;

/// <summary>casebook tag, tags, tags rename and the interactive new case, run as a user runs them.</summary>
public class TagCommandTests
{
    private static FixtureSite Site() => new(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta")
        .Replace("tags: [タクシー]", "tags:\n  - タクシー  # 元のコメント\n  - ＩＣＴ\n  - ict\n  - 地区 社協\n  - 地区社協\n  - 見守り活動\n  - 見守り活躍"));

    [Fact]
    public void Tag_adds_and_removes_terms_changing_only_those_lines()
    {
        using var site = Site();
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        var crlf = "\uFEFF" + File.ReadAllText(path).Replace("\n", "\r\n");
        File.WriteAllText(path, crlf, new UTF8Encoding(false));
        var r = CliTests.Run(site.Root, "tag", "alpha", "--add", "5", "pillars/交流・居場所", "研修", "--remove", "elements/1", "タクシー");
        Assert.True(r.Code == 0, r.Out + r.Err);
        var expected = crlf.Replace("elements: [1, 2]", "elements: [2, 5]").Replace("pillars: [生活支援]", "pillars: [生活支援, 交流・居場所]")
            .Replace("tags: [タクシー]", "tags: [研修]");
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(path));
    }

    [Fact]
    public void Tag_refuses_unknown_closed_terms_and_writes_nothing()
    {
        using var site = Site();
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        var before = File.ReadAllBytes(path);
        var r = CliTests.Run(site.Root, "tag", "alpha", "--add", "pillars/交流居場所");
        Assert.Equal(1, r.Code);
        Assert.Contains("もしかして「交流・居場所」", r.Err);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(2, CliTests.Run(site.Root, "tag", "nosuch", "--add", "x").Code);
        Assert.Equal(2, CliTests.Run(site.Root, "tag", "alpha").Code);

        // A bare number is an element number: 8 is refused (not quietly added as a tag "8"); tags/8 is a tag.
        var eight = CliTests.Run(site.Root, "tag", "alpha", "--add", "8");
        Assert.Equal(1, eight.Code);
        Assert.Contains("tags/8", eight.Err);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(0, CliTests.Run(site.Root, "tag", "alpha", "--add", "tags/8").Code);
        Assert.Contains("tags: [タクシー, 8]", File.ReadAllText(path));
    }

    [Fact]
    public void Tags_lists_counts_unused_terms_and_near_duplicates()
    {
        using var site = Site();
        var r = CliTests.Run(site.Root, "tags");
        Assert.True(r.Code == 0, r.Err);
        Assert.Matches(@"\s2\s+① 担当業務を超えた", r.Out);
        Assert.Contains("elements/③ 相談の力量", r.Out);           // unused
        Assert.Contains("pillars/交流・居場所", r.Out);
        Assert.Contains("ICT / ict", r.Out);                       // case variant (ＩＣＴ is NFKC'd to ICT)
        Assert.Contains("地区 社協 / 地区社協", r.Out);             // spacing variant
        Assert.Contains("見守り活動 / 見守り活躍", r.Out);           // edit distance 1
        Assert.DoesNotContain("タクシー / ", r.Out);
    }

    [Fact]
    public void Tags_rename_replaces_in_place_across_files()
    {
        using var site = Site();
        var beta = Path.Combine(site.Root, "input/cases/beta.md");
        var before = File.ReadAllText(beta);
        var dry = CliTests.Run(site.Root, "tags", "rename", "タクシー", "移動支援", "--dry-run");
        Assert.Equal(0, dry.Code);
        Assert.Equal(before, File.ReadAllText(beta));
        var r = CliTests.Run(site.Root, "tags", "rename", "タクシー", "移動支援");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("2 件", r.Out);
        Assert.Equal(before.Replace("  - タクシー  # 元のコメント", "  - 移動支援  # 元のコメント"), File.ReadAllText(beta));
        Assert.Contains("tags: [移動支援]", File.ReadAllText(Path.Combine(site.Root, "input/cases/alpha.md")));
        Assert.Equal(0, CliTests.Run(site.Root, "check").Code);
    }

    [Fact]
    public void New_case_interactive_asks_for_fields_and_writes_a_valid_case()
    {
        using var site = Site();
        var answers = string.Join("\n", "", "対話で作った事例", "2", "1", "", "港北区社会福祉協議会", "", "1 ⑤ 9", "1 5", "生活支援", "見守り、ＩＣＴ") + "\n";
        var (code, output, err) = RunWithInput(site.Root, answers, "new", "case", "--interactive");
        Assert.True(code == 0, output + err);
        Assert.Contains("題名は必ず入れてください", output);
        Assert.Contains("という事例集はありません", output);      // "2" is not a volume number here
        Assert.Contains("にない語です", output);                  // element 9 refused, asked again
        var file = Path.Combine(site.Root, "input/cases/vol-a/vol-a-01.md");
        var doc = EditableDocument.Parse(File.ReadAllBytes(file));
        Assert.Equal(["1", "5"], doc.ReadList("elements"));
        Assert.Equal(["生活支援"], doc.ReadList("pillars"));
        Assert.Equal(["見守り", "ICT"], doc.ReadList("tags"));
        var text = File.ReadAllText(file);
        Assert.Contains("title: \"対話で作った事例\"", text);
        Assert.Contains("organization: \"港北区社会福祉協議会\"", text);
        Assert.Contains("volume: vol-a", text);
        Assert.Contains("fiscal_year: 2022", text);
        Assert.Equal(0, CliTests.Run(site.Root, "check", "--drafts").Code);
    }

    [Fact]
    public void New_case_without_title_and_without_a_terminal_is_a_usage_error()
    {
        using var site = Site();
        var (code, _, err) = RunWithInput(site.Root, "", "new", "case");
        Assert.Equal(2, code);
        Assert.Contains("--title", err);
        var (eof, _, _) = RunWithInput(site.Root, "題名だけ\n", "new", "case", "-i");
        Assert.Equal(2, eof);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "input/cases/other")) && Directory.EnumerateFiles(Path.Combine(site.Root, "input/cases/other")).Any());
    }

    private static (int Code, string Out, string Err) RunWithInput(string dir, string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(CliTests.CliPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }
}
