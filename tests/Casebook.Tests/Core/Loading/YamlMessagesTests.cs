using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;

namespace Casebook.Tests.Core.Loading;

/// <summary>YamlDotNet's rarer errors, which used to reach editors in English, are explained in Japanese.</summary>
public class YamlMessagesTests
{
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
