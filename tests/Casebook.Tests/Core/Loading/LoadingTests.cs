using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;

namespace Casebook.Tests.Core.Loading;

public class FrontMatterTests
{
    private static (FrontMatterDocument? Doc, DiagnosticBag Bag) Split(string text)
    {
        var bag = new DiagnosticBag();
        return (FrontMatter.Split(new SourceText("a.md", "a.md", text), bag), bag);
    }

    [Fact]
    public void Splits_yaml_and_body_with_line_numbers()
    {
        var (doc, bag) = Split("---\ntitle: x\nid: y\n---\n## 見出し\n本文\n");
        Assert.False(bag.HasErrors);
        Assert.Equal("title: x\nid: y\n", doc!.Yaml);
        Assert.Equal("## 見出し\n本文\n", doc.Body);
        Assert.Equal(5, doc.BodyFirstLine);
    }

    [Fact]
    public void Crlf_line_endings_are_accepted()
    {
        var (doc, bag) = Split("---\r\ntitle: x\r\n---\r\nbody\r\n");
        Assert.False(bag.HasErrors);
        Assert.Equal("body\r\n", doc!.Body);
    }

    [Fact]
    public void Unclosed_front_matter_is_CB1005()
    {
        var (doc, bag) = Split("---\ntitle: x\n本文\n");
        Assert.Null(doc);
        Assert.Contains(bag.Sorted(), d => d.Code == DiagnosticCodes.UnclosedFrontMatter && d.Span.Line == 1);
    }

    [Fact]
    public void Missing_front_matter_is_CB1006()
    {
        var (doc, bag) = Split("# タイトル\n");
        Assert.Null(doc);
        Assert.Contains(bag.Sorted(), d => d.Code == DiagnosticCodes.MissingFrontMatter);
    }
}

public class SourceReaderTests
{
    private static (string? Text, IReadOnlyList<Diagnostic> D) Decode(byte[] bytes)
    {
        var bag = new DiagnosticBag();
        var text = SourceReader.Decode(bytes, "x.md", bag);
        return (text, bag.Sorted());
    }

    [Fact]
    public void Utf8_bom_is_stripped()
    {
        var (text, d) = Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("---\ntitle: 事例\n---\n")]);
        Assert.Empty(d);
        Assert.StartsWith("---", text);
    }

    [Fact]
    public void Empty_file_is_CB1001()
    {
        Assert.Equal(DiagnosticCodes.EmptyFile, Decode([]).D.Single().Code);
        Assert.Equal(DiagnosticCodes.EmptyFile, Decode(Encoding.UTF8.GetBytes(" \n\r\n")).D.Single().Code);
    }

    [Fact]
    public void Shift_jis_is_named_CB1003()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932).GetBytes("---\ntitle: 見守り活動の事例\n---\n本文です。\n");
        var (text, d) = Decode(sjis);
        Assert.Null(text);
        var diag = d.Single();
        Assert.Equal(DiagnosticCodes.ShiftJis, diag.Code);
        Assert.Contains("Shift_JIS", diag.Message);
    }

    [Fact]
    public void Other_invalid_bytes_are_CB1002()
    {
        var (text, d) = Decode([0x74, 0x69, 0xFF, 0xFE, 0x41, 0x0A]);
        Assert.Null(text);
        Assert.Equal(DiagnosticCodes.NotUtf8, d.Single().Code);
    }

    [Fact]
    public void Binary_is_CB1004()
    {
        Assert.Equal(DiagnosticCodes.BinaryFile, Decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).D.Single().Code);
    }
}

public class YamlMapTests
{
    [Fact]
    public void Invalid_yaml_reports_file_line_and_column()
    {
        var bag = new DiagnosticBag();
        // Front matter starts on line 2 of the file; the bad line is the 2nd YAML line → file line 3.
        var map = YamlMap.Parse("title: a\ntags: [a, b\n", "c.md", 2, bag);
        Assert.Null(map);
        var d = bag.Sorted().Single();
        Assert.Equal(DiagnosticCodes.InvalidYaml, d.Code);
        Assert.Equal("c.md", d.Span.Path);
        Assert.InRange(d.Span.Line, 3, 4);
    }

    [Theory]
    [InlineData("title: \"閉じない\nx: 1\n", "引用符（\"）で始めた値が行の終わりまでに閉じられていません")]
    [InlineData("title: '閉じない\n", "引用符（\" または '）で始めた値が閉じられていません")]
    [InlineData("title: 事例\nsummary: 説明: ここ\n", "値全体を \"…\" で囲んでください")]
    [InlineData("tags:\n  - a\n - b\n", "字下げが揃っていないか")]
    [InlineData("region: {city: 横浜市\n", "{ } が閉じられていないか")]
    [InlineData("title: @事例\n", "記号で始まっています")]
    public void Usual_yaml_mistakes_are_explained_in_japanese(string yaml, string explanation)
    {
        var bag = new DiagnosticBag();
        Assert.Null(YamlMap.Parse(yaml, "c.md", 2, bag));
        var d = bag.Sorted().Single();
        Assert.Equal(DiagnosticCodes.InvalidYaml, d.Code);
        Assert.Contains(explanation, d.Message);
    }

    [Fact]
    public void Wrong_type_and_missing_field_are_reported_at_their_position()
    {
        var bag = new DiagnosticBag();
        var map = YamlMap.Parse("title: [a]\nfiscal_year: 令和4\n", "c.md", 2, bag)!;
        Assert.Null(map.String("title"));
        Assert.Null(map.Int("fiscal_year", "年度"));
        Assert.Null(map.String("organization", "組織名"));
        var d = bag.Sorted();
        Assert.Contains(d, x => x.Code == DiagnosticCodes.WrongType && x.Span.Line == 2 && x.Message.Contains("title"));
        Assert.Contains(d, x => x.Code == DiagnosticCodes.WrongType && x.Span.Line == 3 && x.Message.Contains("fiscal_year"));
        Assert.Contains(d, x => x.Code == DiagnosticCodes.MissingField && x.Message.Contains("organization"));
    }

    [Fact]
    public void Unknown_keys_warn_with_the_nearest_known_key()
    {
        var bag = new DiagnosticBag();
        var map = YamlMap.Parse("titel: a\n", "c.md", 1, bag)!;
        map.String("title");
        map.String("summary");
        map.ReportUnknownKeys();
        var d = bag.Sorted().Single();
        Assert.Equal(DiagnosticCodes.UnknownField, d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Contains("title", d.Message);
    }

    [Fact]
    public void Profile_pairs_keep_source_order()
    {
        var bag = new DiagnosticBag();
        var map = YamlMap.Parse("profile:\n  人口: 1人\n  高齢化率: 30%\n  世帯数: 2\n", "c.md", 1, bag)!;
        Assert.Equal(["人口", "高齢化率", "世帯数"], map.Pairs("profile").Select(p => p.Key));
    }
}
