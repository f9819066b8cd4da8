using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;

namespace Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

/// <summary>Marks each glossary abbreviation at its first use in a document, as it is written:
/// <c>&lt;a class="abbr" href="…#g-…"&gt;&lt;abbr title="expansion"&gt;CP&lt;/abbr&gt;&lt;/a&gt;</c>.
/// The entries are not written in the document (unlike Markdig's own abbreviations): they come from the site's
/// glossaries, and differ by volume, so the caller attaches a set to each document (<see cref="Attach"/>) and reads
/// the entries used afterwards (<see cref="Used"/>). Nothing is parsed; only the HTML writers change.</summary>
public sealed class AbbreviationExtension : IMarkdownExtension
{
    private static readonly object SetKey = new();
    private static readonly object UsedKey = new();

    /// <summary>The abbreviations to mark in <paramref name="document"/> when it is rendered.</summary>
    public static void Attach(MarkdownDocument document, AbbreviationSet set) => document.SetData(SetKey, set);

    /// <summary>The entries marked in <paramref name="document"/>, in order of first use (empty before it is rendered).</summary>
    public static IReadOnlyList<AbbreviationTarget> Used(MarkdownDocument document) =>
        document.GetData(UsedKey) as IReadOnlyList<AbbreviationTarget> ?? [];

    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        // One marker per renderer: a renderer writes one document at a time, and first use is counted per document.
        var marker = new AbbreviationMarker();
        html.ObjectRenderers.ReplaceOrAdd<LiteralInlineRenderer>(new AbbreviatingLiteralRenderer(marker));
        html.ObjectRenderers.ReplaceOrAdd<HtmlInlineRenderer>(new AbbreviatingHtmlInlineRenderer(marker));
        html.ObjectRenderers.ReplaceOrAdd<HtmlBlockRenderer>(new AbbreviatingHtmlBlockRenderer(marker));
        html.ObjectWriteBefore += (_, o) =>
        {
            if (o is MarkdownDocument d) d.SetData(UsedKey, marker.Begin(d.GetData(SetKey) as AbbreviationSet));
            else if (o is HeadingBlock or Markdig.Syntax.Inlines.LinkInline) marker.Skipped++;
        };
        html.ObjectWriteAfter += (_, o) =>
        {
            if (o is HeadingBlock or Markdig.Syntax.Inlines.LinkInline) marker.Skipped--;
        };
    }
}
