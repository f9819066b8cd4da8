using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;

namespace Casebook.Core.Rendering.Figures;

/// <summary>Figures (<c>::: figure</c>) and responsive photos for Markdig. The catalogue of published images is the
/// build's, so the pipeline holding this extension belongs to one build's renderer.</summary>
public sealed class FigureExtension(ImageHtml images) : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        // First of all: ::: is also the fence of Markdig's custom containers (::: editorial), which would take it.
        if (!pipeline.BlockParsers.Contains<FigureBlockParser>())
            pipeline.BlockParsers.Insert(0, new FigureBlockParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new ResponsiveImageRenderer(images));
        if (!html.ObjectRenderers.Contains<FigureRenderer>()) html.ObjectRenderers.Add(new FigureRenderer(images));
    }
}
