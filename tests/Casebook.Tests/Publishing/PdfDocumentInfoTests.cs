using Casebook.Publishing.Pdf;
using Casebook.Tests.Support;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Casebook.Tests.Publishing;

/// <summary>The document information update and the byte-stable rewrites, on small PDFs made here.</summary>
public class PdfDocumentInfoTests
{
    private static readonly PdfDocumentInfo Info = new("横浜市 令和4年度 事例集 (第6集)", "横浜市社会福祉協議会", "令和4年度・第6集、事例 18 件",
        "記録と共有, タクシー", "Casebook 1.2.3 (test) \\", "ja");

    private static string BlankPdf(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        using var document = new PdfDocument();
        document.AddPage();
        document.Info.Title = "元の題名";
        document.Info.Creator = "HeadlessChrome";
        document.Info.CreationDate = new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc);
        document.Save(path);
        return path;
    }

    [Fact]
    public void Info_and_language_are_appended_readable_by_pdfsharp_and_poppler()
    {
        using var site = new FixtureSite("");
        var pdf = BlankPdf(site.Root, "a.pdf");
        var before = File.ReadAllBytes(pdf);
        Info.WriteTo(pdf);

        var after = File.ReadAllBytes(pdf);
        Assert.True(after.AsSpan(0, before.Length).SequenceEqual(before), "the update only appends");
        using (var document = PdfReader.Open(pdf, PdfDocumentOpenMode.Import))
        {
            Assert.Equal(Info.Title, document.Info.Title);
            Assert.Equal(Info.Author, document.Info.Author);
            Assert.Equal(Info.Subject, document.Info.Subject);
            Assert.Equal(Info.Keywords, document.Info.Keywords);
            Assert.Equal(Info.Creator, document.Info.Creator);
            Assert.Equal("ja", document.Language);
            Assert.Equal(1, document.PageCount);
        }
        var poppler = CliRunner.Tool("pdfinfo", pdf);
        Assert.Contains("横浜市 令和4年度 事例集 (第6集)", poppler);
        Assert.Contains("Casebook 1.2.3 (test) \\", poppler);
        Assert.Contains("CreationDate:", poppler);   // carried over from the first Info
    }

    [Fact]
    public void The_same_pdf_gets_the_same_update()
    {
        using var site = new FixtureSite("");
        var a = BlankPdf(site.Root, "a.pdf");
        var b = Path.Combine(site.Root, "b.pdf");
        File.Copy(a, b);
        Info.WriteTo(a);
        Info.WriteTo(b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Structure_ids_are_renumbered_in_order_with_the_same_length()
    {
        const string pdf = "<</ID (node00000141)>> <</ID (node00000139)>> /Names [(node00000139) 5 0 R (node00000141) 6 0 R] (node00000141)";
        var stable = ReproduciblePdf.StructureIds(pdf);
        Assert.Equal(pdf.Length, stable.Length);
        Assert.Equal("<</ID (node00000002)>> <</ID (node00000001)>> /Names [(node00000001) 5 0 R (node00000002) 6 0 R] (node00000002)", stable);
        Assert.Equal(stable, ReproduciblePdf.StructureIds(pdf.Replace("141", "142").Replace("139", "140")));
    }

    [Fact]
    public void Source_date_epoch_stamps_both_dates_in_utc()
    {
        const string pdf = "/CreationDate (D:20261130151024+09'00')\n/ModDate (D:20261130151024Z)";
        Assert.Equal("/CreationDate (D:20231114221320+00'00')\n/ModDate (D:20231114221320+00'00')", ReproduciblePdf.StampDates(pdf, "1700000000"));
        Assert.Equal(pdf, ReproduciblePdf.StampDates(pdf, null));
    }
}

public class RightHandStartsTests
{
    [Fact]
    public void A_blank_page_goes_before_each_case_that_would_start_on_a_left_hand_page_counting_earlier_blanks()
    {
        // a starts on 5 (right); b on 8 (left: blank → 9); c on 10, moved to 11 by b's blank (right); d on 11 → 12 (left: blank).
        var starts = new Dictionary<string, int> { ["a"] = 5, ["b"] = 8, ["c"] = 10, ["d"] = 11 };
        Assert.Equal(["b", "d"], RightHandStarts.BlankPagesBefore(["a", "b", "c", "d", "missing"], starts));
        Assert.Empty(RightHandStarts.BlankPagesBefore(["a"], starts));
    }
}
