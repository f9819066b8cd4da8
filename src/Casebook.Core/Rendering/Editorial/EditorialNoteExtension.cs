using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace Casebook.Core.Rendering.Editorial;

/// <summary>Marks a passage as the editors' own reading, not the source's words:
/// <code>::: editorial
/// 地域に置きかえると…
/// :::</code>
/// Parsing reuses Markdig's fenced container parser; only the block form is added (the inline
/// <c>::text::</c> form is not, so double colons in prose stay text).</summary>
public sealed class EditorialNoteExtension(string label) : IMarkdownExtension
{
    /// <summary>The one container name content may use.</summary>
    public const string Name = "editorial";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<CustomContainerParser>())
            pipeline.BlockParsers.InsertBefore<FencedCodeBlockParser>(new CustomContainerParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<EditorialNoteRenderer>())
            html.ObjectRenderers.Insert(0, new EditorialNoteRenderer(label));
    }
}
