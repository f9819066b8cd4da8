using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

public enum ParagraphKind { Body, Title, Subtitle, Heading, Caption }

/// <summary>What a paragraph style means, whoever wrote the file. Word, LibreOffice and pandoc agree on the built-in
/// style names ("Title", "heading 1") but not always on their ids, and a localised Word may show 見出し 1; the
/// outline level of the style (or its base styles) decides when the name does not.</summary>
public sealed class StyleMap
{
    private readonly Dictionary<string, Style> _styles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ParagraphKind, int)> _cache = new(StringComparer.Ordinal);

    public StyleMap(MainDocumentPart main)
    {
        foreach (var s in main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            if (s.StyleId?.Value is { } id) _styles.TryAdd(id, s);
    }

    /// <summary>The kind of the paragraph and, for headings, its level (1 = 見出し 1).</summary>
    public (ParagraphKind Kind, int Level) Classify(Paragraph p)
    {
        var props = p.ParagraphProperties;
        if (props?.OutlineLevel?.Val?.Value is int direct && direct < 9) return (ParagraphKind.Heading, direct + 1);
        var styleId = props?.ParagraphStyleId?.Val?.Value;
        if (styleId is null) return (ParagraphKind.Body, 0);
        if (_cache.TryGetValue(styleId, out var known)) return known;
        var result = FromStyle(styleId, 0);
        _cache[styleId] = result;
        return result;
    }

    /// <summary>The numbering a paragraph style carries (list styles), for paragraphs without their own.</summary>
    public NumberingProperties? StyleNumbering(Paragraph p)
    {
        var id = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        for (var depth = 0; id is not null && depth < 10 && _styles.TryGetValue(id, out var s); depth++)
        {
            if (s.StyleParagraphProperties?.NumberingProperties is { } n) return n;
            id = s.BasedOn?.Val?.Value;
        }
        return null;
    }

    /// <summary>Bold and italic that a character style (Strong, Emphasis, or one based on them) gives its runs.</summary>
    public (bool Bold, bool Italic) CharacterFormat(string? styleId)
    {
        bool? bold = null, italic = null;
        for (var depth = 0; styleId is not null && depth < 10 && _styles.TryGetValue(styleId, out var s); depth++)
        {
            var name = (s.StyleName?.Val?.Value ?? styleId).ToLowerInvariant();
            bold ??= s.StyleRunProperties?.Bold is { } b ? b.Val?.Value != false : name.Contains("strong") ? true : null;
            italic ??= s.StyleRunProperties?.Italic is { } i ? i.Val?.Value != false : name.Contains("emphasis") ? true : null;
            styleId = s.BasedOn?.Val?.Value;
        }
        return (bold ?? false, italic ?? false);
    }

    private (ParagraphKind, int) FromStyle(string id, int depth)
    {
        if (depth > 10 || !_styles.TryGetValue(id, out var style)) return ByName(id);
        var byName = ByName(style.StyleName?.Val?.Value ?? id);
        if (byName.Item1 != ParagraphKind.Body) return byName;
        if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int level && level < 9) return (ParagraphKind.Heading, level + 1);
        return style.BasedOn?.Val?.Value is { } basedOn ? FromStyle(basedOn, depth + 1) : (ParagraphKind.Body, 0);
    }

    private static (ParagraphKind, int) ByName(string name)
    {
        var n = name.Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal).ToLowerInvariant();
        if (n is "title" or "表題" or "タイトル") return (ParagraphKind.Title, 0);
        if (n is "subtitle" or "副題" or "サブタイトル") return (ParagraphKind.Subtitle, 0);
        if (n is "caption" or "imagecaption" or "図表番号" or "キャプション") return (ParagraphKind.Caption, 0);
        foreach (var prefix in new[] { "heading", "見出し" })
            if (n.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(n[prefix.Length..], out var level) && level is >= 1 and <= 9)
                return (ParagraphKind.Heading, level);
        return (ParagraphKind.Body, 0);
    }
}
