using System.Text;
using Casebook.Core.Editing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary>casebook tag, tags, tags rename and the interactive new case, run as a user runs them.</summary>
[Trait("Category", "Cli")]
public class TagCommandTests
{
    private static FixtureSite Site() => new(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta")
        .Replace("tags: [タクシー]", "tags:\n  - タクシー  # 元のコメント\n  - ＩＣＴ\n  - ict\n  - 地区 社協\n  - 地区社協\n  - 見守り活動\n  - 見守り活躍"));

    [Fact]
    public async Task Tag_adds_and_removes_terms_changing_only_those_lines()
    {
        using var site = Site();
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        var crlf = "\uFEFF" + File.ReadAllText(path).Replace("\n", "\r\n");
        File.WriteAllText(path, crlf, new UTF8Encoding(false));
        var r = await CliRunner.InAsync(site.Root, "tag", "alpha", "--add", "5", "pillars/交流・居場所", "研修", "--remove", "elements/1", "タクシー");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var expected = crlf.Replace("elements: [1, 2]", "elements: [2, 5]").Replace("pillars: [生活支援]", "pillars: [生活支援, 交流・居場所]")
            .Replace("tags: [タクシー]", "tags: [研修]");
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Tag_refuses_unknown_closed_terms_and_writes_nothing()
    {
        using var site = Site();
        var path = Path.Combine(site.Root, "input/cases/alpha.md");
        var before = File.ReadAllBytes(path);
        var r = await CliRunner.InAsync(site.Root, "tag", "alpha", "--add", "pillars/交流居場所");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("もしかして「交流・居場所」", r.Stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "tag", "nosuch", "--add", "x")).ExitCode);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "tag", "alpha")).ExitCode);

        // A bare number is an element number: 8 is refused (not quietly added as a tag "8"); tags/8 is a tag.
        var eight = await CliRunner.InAsync(site.Root, "tag", "alpha", "--add", "8");
        Assert.Equal(1, eight.ExitCode);
        Assert.Contains("tags/8", eight.Stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(0, (await CliRunner.InAsync(site.Root, "tag", "alpha", "--add", "tags/8")).ExitCode);
        Assert.Contains("tags: [タクシー, 8]", File.ReadAllText(path));
    }

    [Fact]
    public async Task Tags_lists_counts_unused_terms_and_near_duplicates()
    {
        using var site = Site();
        var r = await CliRunner.InAsync(site.Root, "tags");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Matches(@"\s2\s+① 担当業務を超えた", r.Stdout);
        Assert.Contains("elements/③ 相談の力量", r.Stdout);           // unused
        Assert.Contains("pillars/交流・居場所", r.Stdout);
        Assert.Contains("ICT / ict", r.Stdout);                       // case variant (ＩＣＴ is NFKC'd to ICT)
        Assert.Contains("地区 社協 / 地区社協", r.Stdout);             // spacing variant
        Assert.Contains("見守り活動 / 見守り活躍", r.Stdout);           // edit distance 1
        Assert.DoesNotContain("タクシー / ", r.Stdout);
    }

    [Fact]
    public async Task Tags_rename_replaces_in_place_across_files()
    {
        using var site = Site();
        var beta = Path.Combine(site.Root, "input/cases/beta.md");
        var before = File.ReadAllText(beta);
        var dry = await CliRunner.InAsync(site.Root, "tags", "rename", "タクシー", "移動支援", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Equal(before, File.ReadAllText(beta));
        var r = await CliRunner.InAsync(site.Root, "tags", "rename", "タクシー", "移動支援");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2 件", r.Stdout);
        Assert.Equal(before.Replace("  - タクシー  # 元のコメント", "  - 移動支援  # 元のコメント"), File.ReadAllText(beta));
        Assert.Contains("tags: [移動支援]", File.ReadAllText(Path.Combine(site.Root, "input/cases/alpha.md")));
        Assert.Equal(0, (await CliRunner.InAsync(site.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task New_case_interactive_asks_for_fields_and_writes_a_valid_case()
    {
        using var site = Site();
        var answers = string.Join("\n", "", "対話で作った事例", "2", "1", "", "港北区社会福祉協議会", "", "1 ⑤ 9", "1 5", "生活支援", "見守り、ＩＣＴ") + "\n";
        var (code, output, err) = await CliRunner.RunAsync(["new", "case", "--interactive"], site.Root, input: answers);
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
        Assert.Equal(0, (await CliRunner.InAsync(site.Root, "check", "--drafts")).ExitCode);
    }

    [Fact]
    public async Task New_case_without_title_and_without_a_terminal_is_a_usage_error()
    {
        using var site = Site();
        var (code, _, err) = await CliRunner.RunAsync(["new", "case"], site.Root, input: "");
        Assert.Equal(2, code);
        Assert.Contains("--title", err);
        var (eof, _, _) = await CliRunner.RunAsync(["new", "case", "-i"], site.Root, input: "題名だけ\n");
        Assert.Equal(2, eof);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "input/cases/other")) && Directory.EnumerateFiles(Path.Combine(site.Root, "input/cases/other")).Any());
    }
}
