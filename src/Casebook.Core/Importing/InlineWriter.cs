using System.Text;
using Casebook.Core.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Casebook.Core.Importing;

/// <summary>The content of one paragraph as Markdown inline text: runs with bold and italic, links, footnote
/// references and line breaks. Pictures are returned apart, to stand as paragraphs of their own after the text.</summary>
public sealed partial class InlineWriter(ImportContext context, StyleMap styles, DrawingReader drawings)
{
    private sealed record Segment(string Text, bool Bold, bool Italic, string? Url, bool Markdown = false);

    public sealed record Result(string Text, List<string> Images);

    /// <param name="lineBreak">Markdown for a line break: a hard break in body text, <c>&lt;br&gt;</c> in a table cell.</param>
    public Result Write(OpenXmlElement paragraph, string lineBreak = "\\\n")
    {
        _fields.Clear();
        var segments = new List<Segment>();
        var images = new List<string>();
        Walk(paragraph.ChildElements, segments, images, null, lineBreak);
        var text = Render(segments).Trim(' ', '\t');
        // A break that ends the paragraph would join it to the next block.
        while (text.EndsWith(lineBreak, StringComparison.Ordinal)) text = text[..^lineBreak.Length].TrimEnd(' ', '\t');
        return new Result(text, images);
    }

    private void Walk(IEnumerable<OpenXmlElement> elements, List<Segment> into, List<string> images, string? url, string lineBreak)
    {
        foreach (var e in elements)
        {
            switch (e)
            {
                case Run run:
                    WriteRun(run, into, images, url, lineBreak);
                    break;
                case Hyperlink link:
                    Walk(link.ChildElements, into, images, LinkTarget(link) ?? url, lineBreak);
                    break;
                case InsertedRun or MoveToRun:
                    TrackedChange("挿入された文字（変更履歴）は、変更を承諾した状態で取り込みました。");
                    Walk(e.ChildElements, into, images, url, lineBreak);
                    break;
                case DeletedRun or MoveFromRun:
                    TrackedChange("削除された文字（変更履歴）は取り込みませんでした。");
                    break;
                case SimpleField or SdtRun or SdtContentRun or CustomXmlRun:
                    Walk(e.ChildElements, into, images, url, lineBreak);
                    break;
                case AlternateContent alt:
                    if (alt.ChildElements.OfType<AlternateContentChoice>().FirstOrDefault() is { } choice)
                        Walk(choice.ChildElements, into, images, url, lineBreak);
                    break;
                case DocumentFormat.OpenXml.Math.Paragraph or DocumentFormat.OpenXml.Math.OfficeMath:
                    context.Warn(DiagnosticCodes.ImportNotConverted, "数式は取り込めません。本文に書き直すか画像にしてください。");
                    break;
            }
        }
    }

    /// <summary>A complex field (w:fldChar begin … instrText … separate … result … end), as Word writes pasted links,
    /// cross-references and TOC entries. Only the result is text; a HYPERLINK's result links to its target.</summary>
    private sealed class Field
    {
        public StringBuilder Instruction { get; } = new();
        public bool InResult { get; set; }
        public string? Url { get; set; }
    }

    private readonly List<Field> _fields = new();

    /// <summary>Text in a field's instruction part is code, not content (also for fields nested in it).</summary>
    private bool InInstruction => _fields.Any(f => !f.InResult);

    private string? FieldUrl(string? url) => _fields.LastOrDefault(f => f.Url is not null)?.Url ?? url;

    private void FieldChar(FieldChar c)
    {
        var type = c.FieldCharType?.Value;
        if (type == FieldCharValues.Begin) _fields.Add(new Field());
        else if (type == FieldCharValues.Separate && _fields.Count > 0)
        {
            var field = _fields[^1];
            field.InResult = true;
            field.Url = HyperlinkField(field.Instruction.ToString());
        }
        else if (type == FieldCharValues.End && _fields.Count > 0) _fields.RemoveAt(_fields.Count - 1);
    }

    /// <summary>The target of <c>HYPERLINK "https://…"</c>; null for other fields, for a link to a bookmark in the
    /// document (<c>\l</c>) and for targets that are not web or mail addresses.</summary>
    private static string? HyperlinkField(string instruction)
    {
        var m = HyperlinkInstruction().Match(instruction);
        return m.Success ? WebTarget((m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Trim()) : null;
    }

    /// <summary>HYPERLINK then its first argument, quoted or not; a first argument that is a switch (\l bookmark) fails.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*HYPERLINK\s+(?:""([^""]*)""|([^\s\\""]\S*))", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex HyperlinkInstruction();

    private void WriteRun(Run run, List<Segment> into, List<string> images, string? outerUrl, string lineBreak)
    {
        var props = run.RunProperties;
        var (styleBold, styleItalic) = styles.CharacterFormat(props?.RunStyle?.Val?.Value);
        var bold = props?.Bold is { } b ? b.Val?.Value != false : styleBold;
        var italic = props?.Italic is { } i ? i.Val?.Value != false : styleItalic;
        foreach (var child in run.ChildElements)
        {
            if (child is FieldChar fieldChar) { FieldChar(fieldChar); continue; }
            if (child is FieldCode code) { if (_fields.Count > 0 && !_fields[^1].InResult) _fields[^1].Instruction.Append(code.Text); continue; }
            if (InInstruction) continue;
            var url = FieldUrl(outerUrl);
            switch (child)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    into.Add(new Segment(t.Text, bold, italic, url));
                    break;
                case TabChar:
                    into.Add(new Segment(" ", bold, italic, url));
                    break;
                case NoBreakHyphen:
                    into.Add(new Segment("-", bold, italic, url));
                    break;
                case Break br when br.Type is null || br.Type.Value == BreakValues.TextWrapping:
                case CarriageReturn:
                    into.Add(new Segment(lineBreak, false, false, null, Markdown: true));
                    break;
                case FootnoteReference f when f.Id?.Value is long id:
                    into.Add(new Segment($"[^{context.FootnoteLabel(id)}]", false, false, null, Markdown: true));
                    break;
                case EndnoteReference n when n.Id?.Value is long id:
                    into.Add(new Segment($"[^{context.FootnoteLabel(-id - 1)}]", false, false, null, Markdown: true));
                    break;
                case CommentReference c:
                    context.Warn(DiagnosticCodes.ImportComment, $"コメントは取り込みませんでした{CommentText(c.Id?.Value)}。");
                    break;
                case Drawing or Picture or AlternateContent:
                    images.AddRange(drawings.Read(child));
                    break;
                case EmbeddedObject:
                    context.Warn(DiagnosticCodes.ImportNotConverted, "埋め込まれたオブジェクト（Excel の表など）は取り込めません。表は Word の表に、図は画像にしてください。");
                    break;
            }
        }
    }

    private int _trackedParagraph = -1;

    private void TrackedChange(string message)
    {
        if (_trackedParagraph == context.Paragraph) return;
        _trackedParagraph = context.Paragraph;
        context.Warn(DiagnosticCodes.ImportTrackedChanges, message + "Word で変更履歴を承諾するか元に戻してから取り込むと確実です。");
    }

    private string CommentText(string? id)
    {
        var comment = context.Main.WordprocessingCommentsPart?.Comments?.Elements<Comment>().FirstOrDefault(c => c.Id?.Value == id);
        if (comment is null) return "";
        var text = comment.InnerText.Trim();
        if (text.Length > 40) text = text[..40] + "…";
        return text.Length == 0 ? "" : $"（「{text}」）";
    }

    private string? LinkTarget(Hyperlink link)
    {
        if (link.Id?.Value is not { } rel) return null;
        var target = context.Main.HyperlinkRelationships.FirstOrDefault(r => r.Id == rel)?.Uri;
        if (target is null) return null;
        return WebTarget(target.IsAbsoluteUri ? target.AbsoluteUri : target.OriginalString);
    }

    private static string? WebTarget(string s)
    {
        return s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? s : null;
    }

    /// <summary>Runs of equal formatting merged, then written with the delimiters outside any spaces at their ends.</summary>
    private static string Render(List<Segment> segments)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < segments.Count)
        {
            var s = segments[i];
            if (s.Markdown) { sb.Append(s.Text); i++; continue; }
            var link = new StringBuilder();
            var url = s.Url;
            while (i < segments.Count && !segments[i].Markdown && segments[i].Url == url)
            {
                var (bold, italic) = (segments[i].Bold, segments[i].Italic);
                var text = new StringBuilder();
                while (i < segments.Count && !segments[i].Markdown && segments[i].Url == url && segments[i].Bold == bold && segments[i].Italic == italic)
                    text.Append(segments[i++].Text);
                link.Append(Emphasise(text.ToString(), bold, italic));
            }
            sb.Append(url is null ? link.ToString() : $"[{link}]({MarkdownText.Url(url)})");
        }
        return sb.ToString();
    }

    private static string Emphasise(string text, bool bold, bool italic)
    {
        var core = text.Trim();
        if (core.Length == 0 || (!bold && !italic)) return MarkdownText.Escape(text);
        var start = text.Length - text.TrimStart().Length;
        var end = text.Length - text.TrimEnd().Length;
        var mark = bold && italic ? "***" : bold ? "**" : "*";
        return text[..start] + mark + MarkdownText.Escape(core) + mark + text[(text.Length - end)..];
    }
}
