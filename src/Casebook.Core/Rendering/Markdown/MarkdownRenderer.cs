using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;
using Casebook.Core.Rendering.Markdown.Extensions.EditorialNote;
using Casebook.Core.Rendering.Markdown.Extensions.RawHtml;
using Casebook.Core.Rendering.Markdown.Extensions.TableAlignment;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SourceSpan = Casebook.Core.Diagnostics.SourceSpan;

namespace Casebook.Core.Rendering;

public sealed record Section(string Id, string Title);

/// <summary>A site-relative link found in content, kept with its position for the link check.</summary>
public sealed record InternalLink(string Target, SourceSpan Span);

/// <param name="PlainText">The document's text for search; null when the renderer gathers none (a build without search).</param>
public sealed record RenderedMarkdown(string Html, List<Section> Sections, List<InternalLink> Links, string? PlainText)
{
    /// <summary>The glossary entries marked in the HTML, in order of first use.</summary>
    public IReadOnlyList<AbbreviationTarget> Abbreviations { get; init; } = [];
}

/// <summary>Markdown → HTML. The pipeline is built once and shared; rendering is thread-safe.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline;

    private readonly string _basePath;
    private readonly bool _allowRawHtml;
    private readonly bool _requireAlt;
    private readonly bool _plainText;

    /// <param name="editorialLabel">Heading of editorial notes (the theme's <c>editorial_note</c> string).</param>
    /// <param name="images">The build's published photos, for srcset and sizes; none when null.</param>
    /// <param name="requireAlt">An image without alt text is an error (site.require_alt) instead of a warning.</param>
    /// <param name="plainText">Gather each document's plain text (<see cref="RenderedMarkdown.PlainText"/>): only the search
    /// index reads it (≈ 30 MB at 10,000 cases), so a build without search leaves it out.</param>
    public MarkdownRenderer(string basePath, bool allowRawHtml, string editorialLabel = "編集部注", Imaging.ImageCatalog? images = null, bool requireAlt = false,
        bool plainText = true)
    {
        _basePath = basePath;
        _plainText = plainText;
        _allowRawHtml = allowRawHtml;
        _requireAlt = requireAlt;
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseGridTables()
            .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
            .UseEmphasisExtras()
            .UseListExtras()
            .UseFootnotes()
            .UseDefinitionLists()
            .UseAutoLinks()
            .UseTableAlignmentClasses()
            // Japanese text: **「強調」**の is emphasis too (CommonMark's flanking rules miss it next to CJK punctuation).
            .UseCjkFriendlyEmphasis();
        builder.Extensions.AddIfNotAlready(new EditorialNoteExtension(editorialLabel));
        builder.Extensions.AddIfNotAlready<AbbreviationExtension>();
        builder.Extensions.AddIfNotAlready(new Figures.FigureExtension(new Figures.ImageHtml(images ?? Imaging.ImageCatalog.Empty, basePath)));
        _pipeline = builder.Build();
    }

    /// <param name="abbreviations">The glossary abbreviations to mark at their first use; none when null.</param>
    public RenderedMarkdown Render(string markdown, string path, int firstLine, DiagnosticBag diagnostics, AbbreviationSet? abbreviations = null)
    {
        try { return RenderDocument(markdown, path, firstLine, diagnostics, abbreviations); }
        catch (ArgumentException e)
        {
            // Markdig's nesting and size limits (">>>>…", "[[[[…", huge pipe tables) throw without a position:
            // report it once, where the limit is crossed, and render nothing for this document.
            var (line, column) = MarkdownLimit.Locate(markdown, _pipeline);
            diagnostics.Error(DiagnosticCodes.MarkdownTooDeep, MarkdownLimit.Message(e), new SourceSpan(path, firstLine + line, column));
            return new RenderedMarkdown("", [], [], _plainText ? "" : null);
        }
    }

    private RenderedMarkdown RenderDocument(string markdown, string path, int firstLine, DiagnosticBag diagnostics, AbbreviationSet? abbreviations)
    {
        var doc = Markdig.Markdown.Parse(markdown, _pipeline);
        if (abbreviations is not null) AbbreviationExtension.Attach(doc, abbreviations);
        var sections = new List<Section>();
        var links = new List<InternalLink>();
        var hasRawHtml = false;
        // One walk over the tree gathers the plain text and the section headings too (rendering changes no node).
        var plain = _plainText ? new System.Text.StringBuilder() : null;
        var headings = new List<HeadingBlock>();

        foreach (var node in doc.Descendants())
        {
            if (plain is not null)
            {
                if (node is LiteralInline literal) Append(plain, literal.Content);
                else if (node is CodeInline codeInline) plain.Append(codeInline.Content);
                else if (node is LineBreakInline) plain.Append(' ');
                else if (node is LeafBlock) plain.Append(' ');
            }
            if (node is HeadingBlock { Level: 2 } heading) headings.Add(heading);
            switch (node)
            {
                case HtmlBlock:
                case HtmlInline:
                    hasRawHtml = true;
                    break;
                case CustomContainer container when !EditorialNoteRenderer.IsEditorial(container):
                    diagnostics.Warning(DiagnosticCodes.UnknownContainer,
                        $"「::: {container.Info}」は使えない囲みです。中身は囲みなしで表示します。編集部の補足には「::: {EditorialNoteExtension.Name}」を使います。{Text.NearestMatch.Suggest(container.Info ?? "", [EditorialNoteExtension.Name])}",
                        new SourceSpan(path, firstLine + container.Line, container.Column + 1));
                    break;
                case LinkInline link when link.Url is not null:
                    var span = new SourceSpan(path, firstLine + link.Line, link.Column + 1);
                    if (IsScriptUrl(link.Url))
                    {
                        diagnostics.Warning(DiagnosticCodes.UnsafeLinkRemoved, "スクリプトを実行するリンク（javascript: など）は削除しました。", span);
                        link.Url = "";
                    }
                    else if (link.Url.StartsWith('/') && !link.Url.StartsWith("//", StringComparison.Ordinal))
                    {
                        links.Add(new InternalLink(link.Url, span));
                        // Images keep the site path: their renderer looks it up among the published photos first.
                        if (!link.IsImage) link.Url = _basePath + link.Url[1..];
                    }
                    if (link.IsImage && Figures.ResponsiveImageRenderer.AltText(link).Trim().Length == 0) MissingAlt(diagnostics, link.Url, span);
                    break;
                case Figures.FigureBlock figure:
                    var at = new SourceSpan(path, firstLine + (figure.Url.Length > 0 ? figure.ImageLine : figure.Line), 1);
                    if (figure.Problem is not null) diagnostics.Warning(DiagnosticCodes.FigureWithoutImage, figure.Problem, at);
                    if (figure.Url.Length == 0) break;
                    if (IsScriptUrl(figure.Url)) { figure.Url = ""; break; }
                    if (figure.Url.StartsWith('/') && !figure.Url.StartsWith("//", StringComparison.Ordinal)) links.Add(new InternalLink(figure.Url, at));
                    if (figure.Alt.Trim().Length == 0) MissingAlt(diagnostics, figure.Url, at);
                    break;
            }
        }

        // The HTML is written into this thread's builder, kept from one document to the next.
        var buffer = t_html ?? new System.Text.StringBuilder(16 * 1024);
        t_html = null;   // a nested render (none today) would take a builder of its own
        string html;
        try
        {
            var writer = new StringWriter(buffer);
            var renderer = new HtmlRenderer(writer);
            _pipeline.Setup(renderer);
            renderer.Render(doc);
            writer.Flush();
            html = buffer.ToString();
        }
        finally
        {
            buffer.Clear();
            if (buffer.Capacity <= MaxKeptBuilder) t_html = buffer;
        }
        if (hasRawHtml && !_allowRawHtml) html = RawHtmlSanitizer.Sanitize(html, path, firstLine, diagnostics);

        foreach (var h in headings)
        {
            var id = h.GetAttributes().Id ?? "";
            sections.Add(new Section(id, InlineText(h.Inline)));
        }
        return new RenderedMarkdown(html, sections, links, plain?.ToString()) { Abbreviations = AbbreviationExtension.Used(doc) };
    }

    [ThreadStatic] private static System.Text.StringBuilder? t_html;

    /// <summary>Larger builders (a very long document's) are let go rather than kept for the thread's lifetime.</summary>
    private const int MaxKeptBuilder = 1024 * 1024;

    private void MissingAlt(DiagnosticBag diagnostics, string url, SourceSpan span)
    {
        var message = $"画像 {url} に代替テキストがありません。写っているものを ![ ] の中に短く書いてください（画面読み上げで読まれます）。";
        if (_requireAlt) diagnostics.Error(DiagnosticCodes.ImageMissingAlt, message, span);
        else diagnostics.Warning(DiagnosticCodes.ImageMissingAlt, message, span);
    }

    public static bool IsScriptUrl(string url)
    {
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal)
            || compact.StartsWith("data:text/html", StringComparison.Ordinal);
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new System.Text.StringBuilder();
        foreach (var i in inline.Descendants())
            if (i is LiteralInline lit) Append(sb, lit.Content);
            else if (i is CodeInline code) sb.Append(code.Content);
        return sb.ToString();
    }

    /// <summary>A literal's text, as its <c>ToString()</c> gives it, without making a string of it first.</summary>
    private static void Append(System.Text.StringBuilder sb, Markdig.Helpers.StringSlice slice)
    {
        if (slice.Text is not null && slice.Length > 0) sb.Append(slice.Text, slice.Start, slice.Length);
    }
}
