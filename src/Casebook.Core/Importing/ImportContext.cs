using Casebook.Core.Diagnostics;
using DocumentFormat.OpenXml.Packaging;

namespace Casebook.Core.Importing;

/// <summary>State shared while one document is converted: where in the document we are (for warnings), the images
/// taken out so far, the footnotes referenced, and the warnings themselves.</summary>
public sealed class ImportContext(ImportRequest request, MainDocumentPart main)
{
    public ImportRequest Request { get; } = request;
    public MainDocumentPart Main { get; } = main;
    public List<Diagnostic> Warnings { get; } = new();
    public List<ImportedAsset> Assets { get; } = new();
    /// <summary>Image relationship id → the Markdown path it was written to, so a picture used twice is one file.</summary>
    public Dictionary<string, string> ImagePaths { get; } = new(StringComparer.Ordinal);
    /// <summary>Word footnote ids in the order they are first referenced; their Markdown labels are 1, 2, 3….</summary>
    public List<long> Footnotes { get; } = new();

    /// <summary>Paragraphs counted from the start of the body, tables included, as Word's navigation counts them.</summary>
    public int Paragraph { get; set; }
    public string Heading { get; set; } = "";

    public string Place => Heading.Length == 0 ? $"段落 {Paragraph}" : $"段落 {Paragraph}（見出し「{Heading}」の節）";

    public void Warn(string code, string message) =>
        Warnings.Add(new Diagnostic(Severity.Warning, code, $"{Place}: {message}", new SourceSpan(Request.DocumentPath, Math.Max(1, Paragraph), 1)));

    /// <summary>A warning about the document as a whole (a field of the front matter that was not found).</summary>
    public void WarnDocument(string code, string message) =>
        Warnings.Add(new Diagnostic(Severity.Warning, code, message, new SourceSpan(Request.DocumentPath, 1, 1)));

    /// <summary>The Markdown label of a footnote, numbering it on first use.</summary>
    public int FootnoteLabel(long id)
    {
        var i = Footnotes.IndexOf(id);
        if (i < 0) { Footnotes.Add(id); i = Footnotes.Count - 1; }
        return i + 1;
    }
}
