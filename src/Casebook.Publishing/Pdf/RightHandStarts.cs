using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Casebook.Publishing.Pdf;

/// <summary>Each case on a right-hand page (casebook.yml <c>print.start_cases_on_right</c>). CSS says
/// <c>break-before: right</c>, but Chromium breaks to the next page of either side; so the PDF is rendered once,
/// the page each case starts on is read from its named destination (the table of contents links to every case),
/// and a blank page goes before each case that would start on a left-hand (even) page. A blank page moves every
/// later case by one, which the count carries; the cases' own lengths do not change, so one pass is enough.</summary>
public static class RightHandStarts
{
    /// <summary>Ids of the cases (in document order) that need a blank page before them.</summary>
    public static IReadOnlyList<string> BlankPagesBefore(IReadOnlyList<string> caseIds, IReadOnlyDictionary<string, int> startPages)
    {
        var before = new List<string>();
        foreach (var id in caseIds)
        {
            if (!startPages.TryGetValue(id, out var page)) continue;
            if ((page + before.Count) % 2 == 0) before.Add(id);
        }
        return before;
    }

    /// <summary>Named destination → 1-based page number, from the PDF's /Dests dictionary.</summary>
    public static IReadOnlyDictionary<string, int> DestinationPages(string pdfFile)
    {
        using var document = PdfReader.Open(pdfFile, PdfDocumentOpenMode.Import);
        var pageOf = new Dictionary<PdfObjectID, int>();
        for (var i = 0; i < document.PageCount; i++)
            if (document.Pages[i].Reference is { } r) pageOf[r.ObjectID] = i + 1;
        var pages = new Dictionary<string, int>(StringComparer.Ordinal);
        if (document.Internals.Catalog.Elements.GetDictionary("/Dests") is not { } dests) return pages;
        foreach (var key in dests.Elements.Keys)
        {
            var target = dests.Elements[key] is PdfReference { Value: var v } ? v : dests.Elements[key];
            if (target is PdfDictionary d) target = d.Elements["/D"];   // { /D [page …] } form
            if (target is PdfArray { Elements.Count: > 0 } a && a.Elements[0] is PdfReference pageRef && pageOf.TryGetValue(pageRef.ObjectID, out var n))
                pages[key.TrimStart('/')] = n;
        }
        return pages;
    }
}
