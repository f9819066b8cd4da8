using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Casebook.Core.Rendering.Figures;

/// <summary>Markdown images (<c>![alt](path)</c>) through <see cref="ImageHtml"/>; links stay Markdig's.</summary>
public sealed class ResponsiveImageRenderer(ImageHtml images) : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!link.IsImage || link.Url is null) { base.Write(renderer, link); return; }
        renderer.Write(images.Write(link.Url, AltText(link)));
    }

    public static string AltText(LinkInline image)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var i in image.Descendants<LiteralInline>()) sb.Append(i.Content.ToString());
        foreach (var c in image.Descendants<CodeInline>()) sb.Append(c.Content);
        return sb.ToString();
    }
}
