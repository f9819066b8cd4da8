using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary>Which paragraphs are list items, how deep, and whether numbered or bulleted, from Word's numbering
/// definitions (<c>w:numPr</c> on the paragraph or its style → <c>w:num</c> → <c>w:abstractNum</c> level format).</summary>
public sealed class ListNumbering
{
    public sealed record Item(int Level, bool Ordered);

    private readonly Dictionary<int, AbstractNum> _abstracts = new();
    private readonly Dictionary<int, int> _numToAbstract = new();
    private readonly StyleMap _styles;

    public ListNumbering(MainDocumentPart main, StyleMap styles)
    {
        _styles = styles;
        var numbering = main.NumberingDefinitionsPart?.Numbering;
        if (numbering is null) return;
        foreach (var a in numbering.Elements<AbstractNum>())
            if (a.AbstractNumberId?.Value is int id) _abstracts[id] = a;
        foreach (var n in numbering.Elements<NumberingInstance>())
            if (n.NumberID?.Value is int id && n.AbstractNumId?.Val?.Value is int abs) _numToAbstract[id] = abs;
    }

    /// <summary>The list item a paragraph is, or null for an ordinary paragraph.</summary>
    public Item? Of(Paragraph p)
    {
        var own = p.ParagraphProperties?.NumberingProperties;
        var numPr = own ?? _styles.StyleNumbering(p);
        var numId = numPr?.NumberingId?.Val?.Value;
        if (numId is null or 0) return null;       // numId 0 switches numbering off
        var level = own?.NumberingLevelReference?.Val?.Value ?? numPr?.NumberingLevelReference?.Val?.Value ?? 0;
        var format = Format(numId.Value, level);
        return new Item(Math.Clamp(level, 0, 8), format is not null && format != NumberFormatValues.Bullet && format != NumberFormatValues.None);
    }

    private NumberFormatValues? Format(int numId, int level)
    {
        if (!_numToAbstract.TryGetValue(numId, out var abs) || !_abstracts.TryGetValue(abs, out var a)) return null;
        var lvl = a.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level);
        return lvl?.NumberingFormat?.Val?.Value;
    }
}
