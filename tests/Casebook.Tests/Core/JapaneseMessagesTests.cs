using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>Messages a user can meet are Japanese: Markdig's limits, YamlDotNet's rarer errors.</summary>
public partial class JapaneseMessagesTests
{
    [Fact]
    public void Markdown_nested_too_deeply_is_one_diagnostic_at_the_file_and_line_where_the_limit_is_crossed()
    {
        // alpha is in vol-a, so both its page and the volume's print edition render its body.
        var deep = string.Concat(Enumerable.Repeat("> ", 200)) + "深い引用";
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: $"## きっかけ\n本文です。\n\n{deep}\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Check();
        Assert.False(result.Success);
        var d = Assert.Single(result.Diagnostics.Where(x => x.Severity == Severity.Error));
        Assert.Equal(DiagnosticCodes.MarkdownTooDeep, d.Code);
        Assert.Equal("input/cases/alpha.md", d.Span.Path);
        // Front matter is lines 1–14 (FixtureSite.Case with no extra field), the body starts on line 15: the quote is its 4th line.
        var lines = File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"));
        Assert.Equal(deep, lines[d.Span.Line - 1]);
        Assert.True(d.Span.Column > 200, $"column {d.Span.Column} should be deep inside the quote markers");
        Assert.Contains("入れ子", d.Message);
        Assert.DoesNotContain(result.Diagnostics, x => x.Code == DiagnosticCodes.TemplateError);
    }

    [Fact]
    public void Deep_inline_nesting_is_found_on_its_line_too()
    {
        var deep = "前置き " + string.Concat(Enumerable.Repeat("[", 400)) + "中身";
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: $"## a\n一行目\n\n二行目\n\n{deep}\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Check();
        var errors = result.Diagnostics.Where(x => x.Severity == Severity.Error).ToList();
        var d = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.MarkdownTooDeep, d.Code);
        Assert.Equal(deep, File.ReadAllLines(Path.Combine(site.Root, "input/cases/alpha.md"))[d.Span.Line - 1]);
    }

    [Theory]
    [InlineData("title: \"a\\qb\"\n", "「\\」の後に使えない文字")]
    [InlineData("title: \"\\xZZ\"\n", "16 進数がありません")]
    [InlineData("title: a\ntitle: b\n", "項目「title」が二度書かれています")]
    [InlineData("tags:\n  - a\n  b: c\n", "リストの途中に「- 」で始まらない行")]
    [InlineData("title: !foo!bar x\n", "「!」で始まっています")]
    [InlineData("title: &a &b x\n", "「&」で始まっています")]
    [InlineData("title: >x\n  a\n", "「|」「>」の後には改行が必要")]
    [InlineData("title: |0\n  x\n", "0 は使えません")]
    [InlineData("%YAML 1.x\ntitle: a\n", "「%」で始まる行")]
    [InlineData("*a\n", "参照（*名前）だけ")]
    public void Rarer_yaml_errors_are_explained_in_japanese_with_the_parsers_words_in_parentheses(string yaml, string explanation)
    {
        var bag = new DiagnosticBag();
        Assert.Null(YamlMap.Parse(yaml, "c.md", 2, bag));
        var d = bag.Sorted().Single();
        Assert.Equal(DiagnosticCodes.InvalidYaml, d.Code);
        Assert.Contains(explanation, d.Message);
        // English only inside the closing parentheses.
        var outside = Regex.Replace(Regex.Replace(d.Message, "（[^（）]*[A-Za-z][^（）]*）$", ""), "「[^」]*」", "");
        Assert.DoesNotMatch("[A-Za-z]{4,}", outside.Replace("YAML", ""));
    }

    [Fact]
    public void A_message_not_in_the_list_still_gets_a_japanese_sentence() =>
        Assert.StartsWith("この位置の YAML を読めません。（Something new）", YamlMessages.Explain("(Line: 1, Col: 1, Idx: 0) - (Line: 1, Col: 2, Idx: 1): Something new"));
}

/// <summary>The help screen and parse errors of the casebook command.</summary>
[Trait("Category", "Cli")]
public class JapaneseHelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("pdf", "--help")]
    [InlineData("new", "case", "-h")]
    public void Help_has_japanese_headings_only(params string[] args)
    {
        var help = CliTests.Run(Path.GetTempPath(), args);
        Assert.Equal(0, help.Code);
        Assert.Contains("説明:", help.Out);
        Assert.Contains("使用法:", help.Out);
        Assert.Contains("オプション:", help.Out);
        Assert.Contains("使い方を表示します", help.Out);
        foreach (var english in new[] { "Description:", "Usage:", "Options:", "[command]", "[options]", "(REQUIRED)", "[default:", "Show help" })
            Assert.DoesNotContain(english, help.Out);
    }

    [Fact]
    public void Required_options_are_marked_and_help_works_without_them()
    {
        var help = CliTests.Run(Path.GetTempPath(), "pdf", "--help");
        Assert.Equal(0, help.Code);
        Assert.Matches(@"--volume <volume>（必須）\s+PDF にする事例集", help.Out);
        Assert.Contains("casebook pdf [オプション]", help.Out);
    }

    [Theory]
    [InlineData(new[] { "pdf" }, "オプション --volume を指定してください。")]
    [InlineData(new[] { "serve", "--port", "abc" }, "オプション --port の値「abc」を読めません。整数を書いてください。")]
    [InlineData(new[] { "serve", "--port", "1", "--port", "2" }, "オプション --port には値を 1 つだけ書いてください")]
    [InlineData(new[] { "new" }, "コマンドを指定してください。")]
    public void Parse_errors_are_japanese(string[] args, string message)
    {
        var run = CliTests.Run(Path.GetTempPath(), args);
        Assert.Equal(2, run.Code);
        Assert.Contains("casebook: error: " + message, run.Err);
        Assert.DoesNotMatch("(is required|Cannot parse|expects a single|were provided)", run.Err);
    }
}
