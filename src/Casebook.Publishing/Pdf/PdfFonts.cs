using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Casebook.Publishing.Pdf;

/// <summary>A font as a PDF declares it. <paramref name="Type"/> is the font's subtype, or for a composite
/// (Type0) font its descendant's (CIDFontType2 is TrueType, CIDFontType0 is CFF).</summary>
public sealed record PdfFont(string Name, string Type, bool Embedded, bool Subset)
{
    /// <summary>What a print shop's preflight accepts: an embedded subset of an outline font, never Type 3
    /// (glyphs drawn by content procedures, which is what Chromium makes of CFF-based CJK fonts).</summary>
    public bool PrintReady => Embedded && Subset && Type != "Type3";
}

/// <summary>Reads every font dictionary of a PDF with PDFsharp.</summary>
public static class PdfFonts
{
    public static IReadOnlyList<PdfFont> Read(string pdfFile)
    {
        using var document = PdfReader.Open(pdfFile, PdfDocumentOpenMode.Import);
        var fonts = new List<PdfFont>();
        foreach (var obj in document.Internals.GetAllObjects())
        {
            if (obj is not PdfDictionary font || font.Elements.GetName("/Type") != "/Font") continue;
            var subtype = font.Elements.GetName("/Subtype").TrimStart('/');
            if (subtype is "CIDFontType0" or "CIDFontType2") continue;   // read through their Type0 parent
            var described = font;
            if (subtype == "Type0" && font.Elements.GetArray("/DescendantFonts") is { Elements.Count: > 0 } descendants
                && Resolve(descendants.Elements[0]) is PdfDictionary descendant)
            {
                described = descendant;
                subtype = descendant.Elements.GetName("/Subtype").TrimStart('/');
            }
            var descriptor = Resolve(described.Elements["/FontDescriptor"]) as PdfDictionary;
            var name = new[] { font.Elements.GetName("/BaseFont"), font.Elements.GetName("/Name"), descriptor?.Elements.GetName("/FontName") ?? "" }
                .FirstOrDefault(n => n.Length > 0)?.TrimStart('/') ?? "";
            // Type 3 glyphs live in the file itself (CharProcs); other fonts need a font program.
            var embedded = subtype == "Type3"
                || descriptor?.Elements.ContainsKey("/FontFile") == true
                || descriptor?.Elements.ContainsKey("/FontFile2") == true
                || descriptor?.Elements.ContainsKey("/FontFile3") == true;
            var subset = name.Length > 7 && name[6] == '+' && name[..6].All(char.IsAsciiLetterUpper);
            fonts.Add(new PdfFont(name.Length > 0 ? name : "(名前なし)", subtype, embedded, subset));
        }
        return fonts.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static PdfItem? Resolve(PdfItem? item) => item is PdfReference r ? r.Value : item;
}
