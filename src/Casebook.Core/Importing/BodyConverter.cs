using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary>The document body, block by block: the title, subtitle and labelled lines go to the front matter, the
/// 7-element table to <c>elements</c>, everything else to Markdown blocks in document order.</summary>
public sealed class BodyConverter
{
    private abstract record Block;
    private sealed record Heading(int Level, string Text, string Plain) : Block;
    private sealed record Para(string Text) : Block;
    private sealed record Item(int Level, bool Ordered, string Text) : Block;

    private readonly ImportContext _context;
    private readonly StyleMap _styles;
    private readonly ListNumbering _lists;
    private readonly InlineWriter _inline;
    private readonly TableConverter _tables;
    private readonly List<Block> _blocks = new();

    public string Title { get; private set; } = "";
    public string Subtitle { get; private set; } = "";
    public string Organization { get; private set; } = "";
    public List<string> Authors { get; } = new();
    public IReadOnlyList<int>? Elements { get; private set; }

    public BodyConverter(ImportContext context)
    {
        _context = context;
        _styles = new StyleMap(context.Main);
        _lists = new ListNumbering(context.Main, _styles);
        _inline = new InlineWriter(context, _styles, new DrawingReader(context));
        _tables = new TableConverter(_inline, context);
    }

    public void Read(IEnumerable<OpenXmlElement> elements)
    {
        foreach (var e in elements)
        {
            switch (e)
            {
                case Paragraph p: ReadParagraph(p); break;
                case Table t: ReadTable(t); break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock: Read(e.ChildElements); break;
            }
        }
    }

    /// <summary>Uses the first heading as the title when the document has no Title paragraph.</summary>
    public void TakeTitleFromFirstHeading()
    {
        if (Title.Length > 0 || _blocks.OfType<Heading>().FirstOrDefault() is not { } first) return;
        Title = first.Plain;
        _blocks.Remove(first);
    }

    public void UseFallbackTitle(string title)
    {
        if (Title.Length == 0) Title = title.Trim();
    }

    public string Markdown(IEnumerable<string> footnotes)
    {
        // The shallowest heading of the body becomes ## (a case's sections), the next ###, deeper ones ####.
        var top = _blocks.OfType<Heading>().Select(h => h.Level).DefaultIfEmpty(1).Min();
        var sb = new StringBuilder();
        Block? previous = null;
        foreach (var b in _blocks)
        {
            if (previous is not null) sb.Append(b is Item && previous is Item ? "\n" : "\n\n");
            sb.Append(b switch
            {
                Heading h => new string('#', Math.Min(4, h.Level - top + 2)) + " " + h.Text,
                Item i => ListLine(i),
                Para p => p.Text,
                _ => "",
            });
            previous = b;
        }
        foreach (var f in footnotes) sb.Append("\n\n").Append(f);
        return sb.Append('\n').ToString();
    }

    private static string ListLine(Item i)
    {
        var indent = new string(' ', 4 * i.Level);
        var marker = i.Ordered ? "1. " : "- ";
        var continuation = "\n" + indent + new string(' ', marker.Length);
        return indent + marker + i.Text.Replace("\n", continuation, StringComparison.Ordinal);
    }

    private void ReadParagraph(Paragraph p)
    {
        _context.Paragraph++;
        var (kind, level) = _styles.Classify(p);
        var plain = PlainText(p);
        if (kind == ParagraphKind.Title && Title.Length == 0 && plain.Length > 0) { Title = plain; return; }
        if (kind == ParagraphKind.Subtitle && Subtitle.Length == 0 && plain.Length > 0) { Subtitle = plain; return; }
        if (kind == ParagraphKind.Heading)
        {
            var h = _inline.Write(p, " ");
            if (h.Text.Length > 0)
            {
                _blocks.Add(new Heading(level, h.Text, plain));
                _context.Heading = plain;
            }
            AddImages(h.Images);
            return;
        }
        if (kind == ParagraphKind.Caption && _blocks.Count > 0 && _blocks[^1] is Para { Text: var image } && IsImage(image) && plain.Length > 0)
        {
            // A picture with its caption (図表番号, pandoc's Image Caption) is a figure.
            _blocks[^1] = new Para($"::: figure\n{image}\n{plain}\n:::");
            return;
        }
        var item = _lists.Of(p);
        if (item is null && _blocks.Count(b => b is not Heading) < 4 && LabelledFields.Match(plain) is { } field && Assign(field)) return;

        var r = _inline.Write(p);
        if (r.Text.Length > 0)
        {
            var text = string.Join("\n", r.Text.Split('\n').Select(MarkdownText.EscapeLineStart));
            _blocks.Add(item is null ? new Para(text) : new Item(item.Level, item.Ordered, text));
        }
        AddImages(r.Images);
    }

    private void ReadTable(Table t)
    {
        var table = _tables.Read(t);
        if (table.Markdown.Count == 0) return;
        if (table.Text.All(row => LabelledFields.MatchCells(row) is not null))
        {
            foreach (var row in table.Text) Assign(LabelledFields.MatchCells(row)!.Value);
            return;
        }
        if (Elements is null && ElementTable.Read(table.Text.Select(r => (IReadOnlyList<string>)r).ToList()) is { } elements)
        {
            Elements = elements;
            return;
        }
        if (table.Markdown.Count == 1 && table.Markdown[0].Count == 1)
            _blocks.Add(new Para(table.Markdown[0][0]));     // a one-cell table is a framed box of text
        else
            _blocks.Add(new Para(TableConverter.ToMarkdown(table.Markdown)));
        AddImages(table.Images);
    }

    private static bool IsImage(string markdown) =>
        markdown.StartsWith("![", StringComparison.Ordinal) && markdown.EndsWith(')') && !markdown.Contains('\n');

    private void AddImages(IEnumerable<string> images)
    {
        foreach (var image in images) _blocks.Add(new Para(image));
    }

    /// <summary>Fills the field unless an earlier line did; false when the line is not taken as a field.</summary>
    private bool Assign((LabelledFields.Field Field, string Value) f)
    {
        switch (f.Field)
        {
            case LabelledFields.Field.Organization when Organization.Length == 0: Organization = f.Value; return true;
            case LabelledFields.Field.Authors when Authors.Count == 0: Authors.AddRange(LabelledFields.Names(f.Value)); return true;
            case LabelledFields.Field.Subtitle when Subtitle.Length == 0: Subtitle = f.Value; return true;
            default: return false;
        }
    }

    /// <summary>The text a reader sees in the paragraph (deleted text and field codes left out).</summary>
    public static string PlainText(OpenXmlElement p) =>
        string.Concat(p.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Where(t => !t.Ancestors<TextBoxContent>().Any() && !t.Ancestors<DeletedRun>().Any()).Select(t => t.Text)).Trim();
}
