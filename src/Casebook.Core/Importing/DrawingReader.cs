using Casebook.Core.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary>Pictures in a run (<c>w:drawing</c>, old VML <c>w:pict</c>): each picture is taken out of the package as an
/// asset and referenced with Word's alternative text (代替テキスト); a text box's text becomes paragraphs after the
/// one holding it; SmartArt and charts are reported, with their place, because Markdown has nothing to carry them.</summary>
public sealed class DrawingReader(ImportContext context)
{
    private const string SmartArtUri = "http://schemas.openxmlformats.org/drawingml/2006/diagram";
    private const string ChartUri = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    // Word 365 fills in alt text by itself; that text describes the picture generically and is no alt text a person chose.
    private static readonly string[] GeneratedAltMarkers = ["自動的に生成された説明", "説明が自動的に生成されました", "Description automatically generated"];

    /// <summary>The text of a text box, one Markdown paragraph per Word paragraph; text of a box nested in it counts once,
    /// in its own box.</summary>
    private static List<string> TextBoxParagraphs(OpenXmlElement element) =>
        element.Descendants<W.TextBoxContent>()
            .SelectMany(box => box.Descendants<W.Paragraph>().Where(p => p.Ancestors<W.TextBoxContent>().First() == box)
                .Select(p => string.Concat(p.Descendants<W.Text>().Where(t => t.Ancestors<W.TextBoxContent>().First() == box).Select(t => t.Text)).Trim()))
            .Where(t => t.Length > 0)
            .Select(t => MarkdownText.EscapeLineStart(MarkdownText.Escape(t)))
            .ToList();

    /// <summary>Markdown image references for the pictures in <paramref name="element"/>.</summary>
    public IEnumerable<string> Read(OpenXmlElement element)
    {
        if (element is AlternateContent alternate)
        {
            // Word writes the modern form as the first choice and an old VML copy as fallback: read one of them.
            var choice = alternate.ChildElements.OfType<AlternateContentChoice>().FirstOrDefault();
            return choice is null ? [] : choice.ChildElements.SelectMany(Read).ToList();
        }
        if (element.Descendants<W.TextBoxContent>().Any())
        {
            var paragraphs = TextBoxParagraphs(element);
            context.Warn(DiagnosticCodes.ImportNotConverted, paragraphs.Count > 0
                ? "テキストボックスの文字は、この段落の後ろに段落として取り込みました（枠や配置は取り込めません）。置き場所を確かめてください。"
                : "テキストボックスの内容は取り込めません。本文の段落に移してから取り込むか、取り込み後に書き足してください。");
            return paragraphs;
        }
        var uris = element.Descendants<A.GraphicData>().Select(g => g.Uri?.Value).ToList();
        if (uris.Contains(SmartArtUri))
        {
            context.Warn(DiagnosticCodes.ImportNotConverted, "SmartArt は取り込めません。画像として保存して貼り直すか、箇条書きに書き直してください。");
            return [];
        }
        if (uris.Contains(ChartUri))
        {
            context.Warn(DiagnosticCodes.ImportNotConverted, "グラフは取り込めません。画像として貼り直すか、表にしてください。");
            return [];
        }
        var result = new List<string>();
        if (element is W.Drawing drawing)
        {
            var docPr = drawing.Descendants<Wp.DocProperties>().FirstOrDefault();
            var alt = AltText(docPr?.Description?.Value, docPr?.Title?.Value);
            foreach (var blip in drawing.Descendants<A.Blip>())
                if (blip.Embed?.Value is { } rel && Image(rel, alt) is { } md) result.Add(md);
        }
        else if (element is W.Picture picture)
        {
            foreach (var data in picture.Descendants().Where(d => d.LocalName == "imagedata"))
            {
                var rel = data.GetAttributes().FirstOrDefault(a => a.LocalName == "id").Value;
                var shapeAlt = data.Parent?.GetAttributes().FirstOrDefault(a => a.LocalName == "alt").Value;
                if (rel is not null && Image(rel, AltText(shapeAlt, data.GetAttributes().FirstOrDefault(a => a.LocalName == "title").Value)) is { } md)
                    result.Add(md);
            }
        }
        return result;
    }

    private static string AltText(string? description, string? title)
    {
        var text = string.IsNullOrWhiteSpace(description) ? title ?? "" : description;
        if (GeneratedAltMarkers.Any(m => text.Contains(m, StringComparison.Ordinal))) return "";
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private string? Image(string relationshipId, string alt)
    {
        if (!context.ImagePaths.TryGetValue(relationshipId, out var url))
        {
            if (context.Main.GetPartById(relationshipId) is not ImagePart part)
                return null;
            var ext = Extension(part.ContentType);
            if (ext is null)
            {
                context.Warn(DiagnosticCodes.ImportImageSkipped,
                    $"この形式の画像（{part.ContentType}）は取り込めません。JPEG か PNG にして貼り直してください。");
                return null;
            }
            using var stream = part.GetStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = $"{context.Request.AssetFolder}/photo-{context.Assets.Count + 1:D2}.{ext}";
            context.Assets.Add(new ImportedAsset(name, copy.ToArray()));
            url = "/assets/" + name;
            context.ImagePaths[relationshipId] = url;
        }
        if (alt.Length == 0)
            context.Warn(DiagnosticCodes.ImportImageSkipped,
                $"画像 {url} に代替テキストがありません。写っているものを ![ ] の中に書いてください（Word では［代替テキストの編集］で付けられます）。");
        return $"![{MarkdownText.Escape(alt)}]({url})";
    }

    private static string? Extension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/jpeg" or "image/jpg" or "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => null,
    };
}
