using Casebook.Core.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary><c>casebook import</c>: one Word document (.docx, from Word, LibreOffice or pandoc) → one case file and its
/// images, in memory. Nothing is guessed: a field the document does not give is left empty and reported.</summary>
public static class DocxImporter
{
    public static ImportedCase Import(byte[] bytes, ImportRequest request)
    {
        PackageCheck.Check(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false);
            var main = doc.MainDocumentPart ?? throw Unreadable("本文がありません");
            var body = main.Document?.Body ?? throw Unreadable("本文がありません");
            var context = new ImportContext(request, main);
            var converter = new BodyConverter(context);
            converter.Read(body.ChildElements);
            converter.TakeTitleFromFirstHeading();
            converter.UseFallbackTitle(doc.PackageProperties.Title ?? "");
            var footnotes = Footnotes(context, converter);
            var markdown = converter.Markdown(footnotes);
            var fields = new CaseFields(converter.Title, converter.Subtitle, converter.Organization, converter.Authors, converter.Elements ?? []);
            ReportMissing(context, fields, converter.Elements is not null);
            return new ImportedCase(CaseFileComposer.Compose(request, fields, markdown), context.Assets, context.Warnings, fields);
        }
        catch (DocxImportException) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
                                      or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            throw Unreadable(e.Message);
        }
    }

    private static DocxImportException Unreadable(string detail) =>
        new(DiagnosticCodes.ImportUnreadable, $"Word 文書（.docx）として読めません。ファイルが壊れている可能性があります。Word で開けるか確かめ、保存し直してください。（{detail}）");

    /// <summary>Markdown footnote definitions, in the order the body first refers to them.</summary>
    private static List<string> Footnotes(ImportContext context, BodyConverter converter)
    {
        var result = new List<string>();
        var inline = new InlineWriter(context, new StyleMap(context.Main), new DrawingReader(context));
        for (var i = 0; i < context.Footnotes.Count; i++)
        {
            var id = context.Footnotes[i];
            DocumentFormat.OpenXml.OpenXmlElement? note = id >= 0
                ? context.Main.FootnotesPart?.Footnotes?.Elements<Footnote>().FirstOrDefault(f => f.Id?.Value == id)
                : context.Main.EndnotesPart?.Endnotes?.Elements<Endnote>().FirstOrDefault(f => f.Id?.Value == -id - 1);
            var text = note is null ? "" : string.Join(" ", note.Elements<Paragraph>().Select(p => inline.Write(p, " ").Text).Where(t => t.Length > 0));
            result.Add($"[^{i + 1}]: {text}");
        }
        return result;
    }

    private static void ReportMissing(ImportContext context, CaseFields fields, bool foundElementTable)
    {
        void Missing(string what, string hint) =>
            context.WarnDocument(DiagnosticCodes.ImportFieldMissing, $"{what}が文書に見つからないため、空にしました。{hint}");
        if (fields.Title.Length == 0) Missing("題名（title）", "「表題」スタイルの段落か最初の見出しが題名になります。事例ファイルの title: に書いてください。");
        if (fields.Organization.Length == 0) Missing("組織名（organization）", "「社協名：」「団体名：」の行から読みます。organization: に書いてください。");
        if (fields.Authors.Count == 0) Missing("執筆者（authors）", "「執筆者：」「担当者：」の行から読みます。authors: に書いてください。");
        if (!foundElementTable) Missing("7つの要素の表", "①〜⑦の行に ✔ などの印がある表から読みます。elements: に番号を書いてください。");
    }
}
