using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Casebook.Tests.Core.Importing;

/// <summary>Writes .docx files the way Word's default template does (style ids Title, Subtitle, Heading1…, list
/// numbering through w:numPr, pictures as w:drawing with wp:docPr alt text), with the Open XML SDK.</summary>
public sealed class WordDocument
{
    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _doc;
    private readonly Body _body = new();
    private int _pictures;

    public WordDocument()
    {
        _doc = WordprocessingDocument.Create(_stream, WordprocessingDocumentType.Document);
        var main = _doc.AddMainDocumentPart();
        main.Document = new Document(_body);
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            ParagraphStyle("Normal", "Normal"), ParagraphStyle("Title", "Title"), ParagraphStyle("Subtitle", "Subtitle"),
            ParagraphStyle("Heading1", "heading 1", 0), ParagraphStyle("Heading2", "heading 2", 1), ParagraphStyle("ListParagraph", "List Paragraph"));
        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            new AbstractNum(Level(0, NumberFormatValues.Bullet), Level(1, NumberFormatValues.Bullet)) { AbstractNumberId = 1 },
            new AbstractNum(Level(0, NumberFormatValues.Decimal), Level(1, NumberFormatValues.Bullet)) { AbstractNumberId = 2 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
            new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 2 });
        var footnotes = main.AddNewPart<FootnotesPart>();
        footnotes.Footnotes = new Footnotes(
            new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        main.AddNewPart<WordprocessingCommentsPart>().Comments = new Comments();
    }

    private static Style ParagraphStyle(string id, string name, int? outline = null) =>
        new(new StyleName { Val = name }, outline is int o ? new StyleParagraphProperties(new OutlineLevel { Val = o }) : new StyleParagraphProperties())
        { Type = StyleValues.Paragraph, StyleId = id };

    private static Level Level(int index, NumberFormatValues format) =>
        new(new NumberingFormat { Val = format }, new LevelText { Val = format == NumberFormatValues.Bullet ? "●" : $"%{index + 1}." }) { LevelIndex = index };

    private MainDocumentPart Main => _doc.MainDocumentPart!;

    public WordDocument Paragraph(string? style, params OpenXmlElement[] content)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        p.Append(content);
        _body.Append(p);
        return this;
    }

    public WordDocument Text(string text, string? style = null) => Paragraph(style, Run(text));

    public WordDocument ListItem(string text, int numId, int level) =>
        Paragraph(null, Run(text)).Last(p => p.PrependChild(new ParagraphProperties(
            new ParagraphStyleId { Val = "ListParagraph" },
            new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId }))));

    private WordDocument Last(Action<Paragraph> change)
    {
        change(_body.Elements<Paragraph>().Last());
        return this;
    }

    public WordDocument Table(params string[][] rows)
    {
        var table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }));
        foreach (var row in rows)
            table.Append(new TableRow(row.Select(c => new TableCell(new Paragraph(Run(c))))));
        _body.Append(table);
        return this;
    }

    public static Run Run(string text, bool bold = false, bool italic = false)
    {
        var props = new RunProperties();
        if (bold) props.Append(new Bold());
        if (italic) props.Append(new Italic());
        return new Run(props, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    public static Run LineBreak() => new(new Break());

    public Hyperlink Link(string text, string url)
    {
        var rel = Main.AddHyperlinkRelationship(new Uri(url), true);
        return new Hyperlink(Run(text)) { Id = rel.Id };
    }

    public Run Footnote(string text)
    {
        var notes = Main.FootnotesPart!.Footnotes!;
        var id = notes.Elements<Footnote>().Count() - 1;
        notes.Append(new Footnote(new Paragraph(new Run(new FootnoteReferenceMark()), Run(" " + text))) { Id = id });
        return new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = id });
    }

    public Run Comment(string text)
    {
        var comments = Main.WordprocessingCommentsPart!.Comments!;
        var id = comments.Elements<Comment>().Count().ToString(System.Globalization.CultureInfo.InvariantCulture);
        comments.Append(new Comment(new Paragraph(Run(text))) { Id = id, Author = "査読者" });
        return new Run(new CommentReference { Id = id });
    }

    /// <summary>An inline picture with Word's alternative text (代替テキスト → wp:docPr/@descr).</summary>
    public Run Picture(byte[] jpeg, string alt, long widthEmu = 1_828_800, long heightEmu = 1_371_600)
    {
        var part = Main.AddImagePart(ImagePartType.Jpeg);
        using (var s = new MemoryStream(jpeg)) part.FeedData(s);
        var rel = Main.GetIdOfPart(part);
        var n = (uint)++_pictures;
        var graphic = new A.Graphic(new A.GraphicData(
            new Pic.Picture(
                new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = n, Name = $"図 {n}" }, new Pic.NonVisualPictureDrawingProperties()),
                new Pic.BlipFill(new A.Blip { Embed = rel }, new A.Stretch(new A.FillRectangle())),
                new Pic.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = widthEmu, Cy = heightEmu }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
        { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        var inline = new Wp.Inline(new Wp.Extent { Cx = widthEmu, Cy = heightEmu },
            new Wp.DocProperties { Id = n, Name = $"図 {n}", Description = alt }, graphic);
        return new Run(new Drawing(inline));
    }

    /// <summary>A complex field as Word writes pasted links and cross-references: begin, instruction, separate,
    /// the result runs, end.</summary>
    public static Run[] Field(string instruction, params Run[] result) =>
    [
        new(new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new(new FieldCode(instruction) { Space = SpaceProcessingModeValues.Preserve }),
        new(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        .. result,
        new(new FieldChar { FieldCharType = FieldCharValues.End }),
    ];

    /// <summary>A floating text box as Word writes it (wps:txbx → w:txbxContent).</summary>
    public static Run TextBox(string text)
    {
        const string wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
        var txbx = new OpenXmlUnknownElement("wps", "txbx", wps);
        txbx.AppendChild(new TextBoxContent(new Paragraph(Run(text))));
        var shape = new OpenXmlUnknownElement("wps", "wsp", wps);
        shape.AppendChild(txbx);
        return new(new Drawing(new Wp.Anchor(new Wp.Extent { Cx = 100, Cy = 100 }, new Wp.DocProperties { Id = 99, Name = "テキスト ボックス" },
            new A.Graphic(new A.GraphicData(shape) { Uri = wps }))));
    }

    /// <summary>SmartArt: a graphic frame whose data is a DrawingML diagram.</summary>
    public static Run SmartArt() =>
        new(new Drawing(new Wp.Inline(new Wp.Extent { Cx = 100, Cy = 100 }, new Wp.DocProperties { Id = 98, Name = "図表 1" },
            new A.Graphic(new A.GraphicData { Uri = "http://schemas.openxmlformats.org/drawingml/2006/diagram" }))));

    public byte[] Save(string? title = null)
    {
        if (title is not null) _doc.PackageProperties.Title = title;
        _doc.Dispose();
        return _stream.ToArray();
    }
}
