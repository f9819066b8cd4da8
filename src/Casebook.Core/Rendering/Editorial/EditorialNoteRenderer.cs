using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Casebook.Core.Rendering.Editorial;

/// <summary>Renders an editorial container as a labelled note. Only fixed markup is written around the
/// content: the container's name and arguments never reach the HTML, so they cannot carry attributes or
/// script. Any other container name renders its content alone (MarkdownRenderer reports it).</summary>
public sealed class EditorialNoteRenderer(string label) : HtmlObjectRenderer<CustomContainer>
{
    protected override void Write(HtmlRenderer renderer, CustomContainer block)
    {
        if (!IsEditorial(block))
        {
            renderer.WriteChildren(block);
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<div class=\"editorial\" role=\"note\" data-basis=\"editorial\">");
        renderer.Write("<p class=\"editorial__label\">").WriteEscape(label).Write("</p>").WriteLine();
        renderer.WriteChildren(block);
        renderer.Write("</div>").WriteLine();
    }

    public static bool IsEditorial(CustomContainer block) =>
        string.Equals(block.Info?.Trim(), EditorialNoteExtension.Name, StringComparison.Ordinal);
}
