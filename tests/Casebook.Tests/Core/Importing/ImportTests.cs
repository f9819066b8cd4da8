using Casebook.Core.Diagnostics;
using Casebook.Core.Importing;
using Casebook.Tests.Support;
using static Casebook.Tests.Core.Importing.WordDocument;

namespace Casebook.Tests.Core.Importing;

/// <summary>casebook import's conversion: documents from Word's template (Open XML SDK), pandoc and LibreOffice.</summary>
public class ImportTests
{
    private static readonly ImportRequest Request = new("提出/港南区.docx", "vol-a-01", "vol-a", 2022, "cases/vol-a-01");

    internal static string FixturePath(string name) => Path.Combine(Repo.Root, "tests", "Casebook.Tests", "Core", "Importing", "Fixtures", name);

    /// <summary>A case write-up as a council's Word form has it: every part of the import contract.</summary>
    internal static byte[] WordForm(WordDocument? into = null)
    {
        var d = into ?? new WordDocument();
        return d.Text("商店街と組んだ見守りネットワーク", "Title")
            .Text("買い物の場から始まる支え合い", "Subtitle")
            .Text("社協名：港南区社会福祉協議会")
            .Text("執筆者：山田 太郎、佐藤 花子")
            .Table(["要素", "該当"], ["①担当業務を超えた課題をつなぐ", "✓"], ["②記録と共有", ""], ["③相談の力量", "✓"],
                ["④ケースの積み上げ", ""], ["⑤地域の資源、担い手づくり", ""], ["⑥圏域の設定", "○"], ["⑦「中軸」の設定", ""])
            .Text("取組のきっかけ", "Heading1")
            .Paragraph(null, Run("商店街の店主から"), Run("気になる高齢者", bold: true), Run("の相談が、"), Run("ＦＡＸ", italic: true),
                Run("で寄せられました。"), d.Footnote("令和４年５月の地区連絡会。"), LineBreak(), Run("詳しくは"), d.Link("区のページ", "https://example.org/konan/"), Run("へ。"))
            .Text("関係者の声", "Heading2")
            .Text("全角の１２３と半角の123、＊印と*印はそのまま。")
            .Text("取組の内容", "Heading1")
            .ListItem("協力店を募る", 1, 0).ListItem("ステッカーを掲示", 1, 1).ListItem("相談の流れを決める", 1, 0)
            .ListItem("連絡会を開く", 2, 0).ListItem("議事録を共有", 2, 1)
            .Table(["年度", "相談件数"], ["令和４年度", "12件"], ["令和５年度", "31|件"])
            .Paragraph(null, d.Picture(TestImages.Jpeg(320, 240), "協力店の店頭に貼られた見守りステッカー"))
            .Save();
    }

    [Fact]
    public void A_word_form_becomes_front_matter_and_markdown()
    {
        var result = DocxImporter.Import(WordForm(), Request);
        var text = result.CaseFile;
        var f = result.Fields;
        Assert.Equal(("商店街と組んだ見守りネットワーク", "買い物の場から始まる支え合い", "港南区社会福祉協議会"), (f.Title, f.Subtitle, f.Organization));
        Assert.Equal(["山田 太郎", "佐藤 花子"], f.Authors);
        Assert.Equal([1, 3, 6], f.Elements);
        Assert.Contains("title: \"商店街と組んだ見守りネットワーク\"\n", text);
        Assert.Contains("organization: \"港南区社会福祉協議会\"\n", text);
        Assert.Contains("authors: [\"山田 太郎\", \"佐藤 花子\"]\n", text);
        Assert.Contains("volume: vol-a\nfiscal_year: 2022\nelements: [1, 3, 6]\n", text);
        Assert.Contains("\n## 取組のきっかけ\n\n商店街の店主から**気になる高齢者**の相談が、*ＦＡＸ*で寄せられました。[^1]\\\n詳しくは[区のページ](https://example.org/konan/)へ。\n", text);
        Assert.Contains("\n### 関係者の声\n\n全角の１２３と半角の123、＊印と\\*印はそのまま。\n", text);
        Assert.Contains("\n- 協力店を募る\n    - ステッカーを掲示\n- 相談の流れを決める\n1. 連絡会を開く\n    - 議事録を共有\n", text);
        Assert.Contains("| 年度 | 相談件数 |\n| --- | --- |\n| 令和４年度 | 12件 |\n| 令和５年度 | 31\\|件 |\n", text);
        Assert.Contains("![協力店の店頭に貼られた見守りステッカー](/assets/cases/vol-a-01/photo-01.jpg)", text);
        Assert.EndsWith("\n[^1]: 令和４年５月の地区連絡会。\n", text);
        // The labelled lines and the element table went to the front matter, not into the body.
        Assert.DoesNotContain("社協名", text);
        Assert.DoesNotContain("⑥", text);
        var asset = Assert.Single(result.Assets);
        Assert.Equal("cases/vol-a-01/photo-01.jpg", asset.AssetPath);
        Assert.Equal(TestImages.Jpeg(320, 240), asset.Bytes);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Pandoc_document_imports_with_title_fields_elements_and_photo()
    {
        var result = DocxImporter.Import(File.ReadAllBytes(FixturePath("pandoc.docx")), Request);
        var text = result.CaseFile;
        Assert.Contains("title: \"商店街と組んだ見守りネットワーク\"\n", text);
        Assert.Contains("subtitle: \"買い物の場から始まる地域の支え合い\"\n", text);
        Assert.Contains("organization: \"港南区社会福祉協議会\"\n", text);
        Assert.Contains("authors: [\"山田 太郎\", \"佐藤 花子\"]\n", text);
        Assert.Contains("elements: [1, 3, 5]\n", text);
        Assert.Contains("\n## 取組のきっかけ\n\n商店街の店主から**気になる高齢者**の相談が寄せられたことが始まりでした。[^1]\n", text);
        Assert.Contains("\n### 関係者の声\n", text);
        Assert.Contains("[区のページ](https://example.org/konan/)", text);
        Assert.Contains("\n- 見守りの協力店を募る\n    - 店頭にステッカーを掲示\n    - 年２回の連絡会\n- 相談の流れを決める\n", text);
        Assert.Contains("| 令和４年度 | 12件 |", text);
        // pandoc writes the alt text again as an "Image Caption" paragraph: the picture and its caption become a figure.
        Assert.Contains("\n::: figure\n![協力店の店頭に貼られた見守りステッカー](/assets/cases/vol-a-01/photo-01.png)\n協力店の店頭に貼られた見守りステッカー\n:::\n", text);
        Assert.Contains("[^1]: 令和４年５月の地区連絡会での相談。", text);
        Assert.StartsWith("\x89PNG", System.Text.Encoding.Latin1.GetString(Assert.Single(result.Assets).Bytes[..4]));
    }

    [Fact]
    public void LibreOffice_document_takes_the_first_heading_as_title()
    {
        var result = DocxImporter.Import(File.ReadAllBytes(FixturePath("libreoffice.docx")), Request);
        var text = result.CaseFile;
        Assert.Contains("title: \"空き家を使った地域の居場所づくり\"\n", text);
        Assert.Contains("organization: \"茅ヶ崎市社会福祉協議会\"\n", text);
        Assert.Contains("authors: [\"鈴木 一郎\"]\n", text);
        Assert.Contains("elements: [2, 4, 6]\n", text);
        Assert.Contains("\n## 取組のきっかけ\n\n空き家の持ち主から**活用の相談**があり、*住民と一緒に*考えました。\n", text);
        Assert.Contains("\n1. 片付けの会を開く\n    - 地区社協が呼びかけ\n1. 週２回の開所\n", text);
        Assert.Contains("| 月 | 利用者数 |\n| --- | --- |\n| ４月 | 45人 |", text);
        Assert.Contains("![片付けの会で空き家の庭を整える住民](/assets/cases/vol-a-01/photo-01.png)", text);
        Assert.DoesNotContain("# 空き家", text);
        Assert.Single(result.Assets);
    }

    [Fact]
    public void What_cannot_be_converted_is_reported_with_its_place()
    {
        var d = new WordDocument();
        var bytes = d.Text("題名", "Title")
            .Text("取組の内容", "Heading1")
            .Paragraph(null, Run("本文"), TextBox("- 枠の中の*文*"))
            .Paragraph(null, SmartArt())
            .Paragraph(null, new DocumentFormat.OpenXml.Wordprocessing.InsertedRun(Run("追加")) { Id = "1", Author = "a" },
                new DocumentFormat.OpenXml.Wordprocessing.DeletedRun(new DocumentFormat.OpenXml.Wordprocessing.Run(
                    new DocumentFormat.OpenXml.Wordprocessing.DeletedText("削除"))) { Id = "2", Author = "a" })
            .Paragraph(null, Run("確認"), d.Comment("数字を確かめて"))
            .Paragraph(null, d.Picture(TestImages.Jpeg(8, 8), ""))
            .Save();
        var result = DocxImporter.Import(bytes, Request);
        var lines = result.Warnings.Select(w => w.ToString()).ToList();
        Assert.All(result.Warnings, w => Assert.Equal(Severity.Warning, w.Severity));
        Assert.Contains(lines, l => l.StartsWith("提出/港南区.docx(3,1): warning CB1904: 段落 3（見出し「取組の内容」の節）: テキストボックスの文字は、この段落の後ろに", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("提出/港南区.docx(4,1): warning CB1904: 段落 4（見出し「取組の内容」の節）: SmartArt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("提出/港南区.docx(5,1): warning CB1905: 段落 5", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("提出/港南区.docx(6,1): warning CB1906: 段落 6", StringComparison.Ordinal) && l.Contains("数字を確かめて"));
        Assert.Contains(lines, l => l.StartsWith("提出/港南区.docx(7,1): warning CB1907: ", StringComparison.Ordinal) && l.Contains("代替テキスト"));
        Assert.Contains(lines, l => l.Contains("CB1903") && l.Contains("組織名"));
        Assert.Contains(lines, l => l.Contains("CB1903") && l.Contains("執筆者"));
        Assert.Contains(lines, l => l.Contains("CB1903") && l.Contains("7つの要素"));
        Assert.Contains("\n追加\n", result.CaseFile);
        Assert.DoesNotContain("削除", result.CaseFile);
        // The text box's text follows its paragraph, escaped so it stays text (not a list item, not emphasis).
        Assert.Contains("\n本文\n\n\\- 枠の中の\\*文\\*\n", result.CaseFile);
        Assert.Contains("organization: \"\"\nauthors: []\n", result.CaseFile);
        Assert.Contains("elements: []\n", result.CaseFile);
        Assert.Contains("![](/assets/cases/vol-a-01/photo-01.jpg)", result.CaseFile);
    }

    [Fact]
    public void Hyperlink_fields_become_links_and_other_fields_keep_only_their_result()
    {
        var docx = new WordDocument()
            .Paragraph(null, [Run("詳しくは"), .. Field(" HYPERLINK \"https://example.org/konan/\" ", Run("区の"), Run("ページ", bold: true)), Run("へ。")])
            .Paragraph(null, [Run("前の節（"), .. Field(" HYPERLINK \\l \"_Toc1\" ", Run("きっかけ")), Run("）と"),
                .. Field(" PAGEREF _Toc1 \\h ", Run("3")), Run("ページ、"), .. Field(" HYPERLINK \"javascript:alert(1)\" ", Run("危ないリンク")), Run("。")])
            .Save();
        var text = DocxImporter.Import(docx, Request).CaseFile;
        Assert.Contains("\n詳しくは[区の**ページ**](https://example.org/konan/)へ。\n", text);
        // A link to a place in the document, a page reference and a script link: their shown text only, no field code.
        Assert.Contains("\n前の節（きっかけ）と3ページ、危ないリンク。\n", text);
        Assert.DoesNotContain("HYPERLINK", text);
        Assert.DoesNotContain("PAGEREF", text);
    }

    [Fact]
    public void Title_falls_back_to_the_document_properties_and_otherwise_stays_empty()
    {
        var withProperty = new WordDocument().Text("本文だけ").Save(title: "文書のプロパティの題名");
        Assert.Equal("文書のプロパティの題名", DocxImporter.Import(withProperty, Request).Fields.Title);
        var none = DocxImporter.Import(new WordDocument().Text("本文だけ").Save(), Request);
        Assert.Equal("", none.Fields.Title);
        Assert.Contains("title: \"\"\n", none.CaseFile);
        Assert.Contains(none.Warnings, w => w.Code == DiagnosticCodes.ImportFieldMissing && w.Message.Contains("題名"));
    }

    [Theory]
    [InlineData("not a zip", DiagnosticCodes.ImportUnreadable, "読めません")]
    [InlineData("zip-truncated", DiagnosticCodes.ImportUnreadable, "壊れて")]
    [InlineData("zip-without-word", DiagnosticCodes.ImportUnreadable, "読めません")]
    [InlineData("encrypted", DiagnosticCodes.ImportEncrypted, "パスワード")]
    [InlineData("word97", DiagnosticCodes.ImportUnreadable, ".doc")]
    public void Bad_files_are_clear_errors(string kind, string code, string words)
    {
        var e = Assert.Throws<DocxImportException>(() => DocxImporter.Import(BadFile(kind), Request));
        Assert.Equal(code, e.Code);
        Assert.Contains(words, e.Message);
    }

    internal static byte[] BadFile(string kind) => kind switch
    {
        "zip-truncated" => WordForm()[..600],
        "zip-without-word" => ZipWith("hello.txt"),
        "encrypted" => Ole("EncryptionInfo", "EncryptedPackage"),
        "word97" => Ole("WordDocument", "1Table"),
        _ => System.Text.Encoding.UTF8.GetBytes(kind),
    };

    private static byte[] ZipWith(string name)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, true))
            using (var w = new StreamWriter(zip.CreateEntry(name).Open())) w.Write("x");
        return ms.ToArray();
    }

    /// <summary>An OLE compound file's header and a directory sector naming the given streams (UTF-16), which is
    /// how Word stores a password-protected .docx (EncryptionInfo + EncryptedPackage) and a Word 97 .doc.</summary>
    private static byte[] Ole(params string[] streams)
    {
        var bytes = new byte[1536];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        for (var i = 0; i < streams.Length; i++)
            System.Text.Encoding.Unicode.GetBytes(streams[i]).CopyTo(bytes, 512 + 128 * (i + 1));
        return bytes;
    }
}
