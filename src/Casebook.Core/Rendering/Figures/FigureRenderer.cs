using System.Net;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Casebook.Core.Rendering.Figures;

/// <summary>Writes a <see cref="FigureBlock"/> as <c>&lt;figure&gt;</c> with the image and a <c>&lt;figcaption&gt;</c>
/// holding the caption (line breaks kept) and the credit.</summary>
public sealed class FigureRenderer(ImageHtml images) : HtmlObjectRenderer<FigureBlock>
{
    protected override void Write(HtmlRenderer renderer, FigureBlock figure)
    {
        if (figure.Url.Length == 0) return;
        renderer.EnsureLine();
        renderer.Write("<figure class=\"figure\">");
        renderer.Write(images.Write(figure.Url, figure.Alt));
        if (figure.Caption.Length > 0 || figure.Credit.Length > 0)
        {
            renderer.Write("<figcaption>");
            if (figure.Caption.Length > 0)
                renderer.Write(string.Join("<br>", figure.Caption.Split('\n').Select(WebUtility.HtmlEncode)));
            if (figure.Credit.Length > 0)
                renderer.Write("<span class=\"figure__credit\">").Write(WebUtility.HtmlEncode(figure.Credit)).Write("</span>");
            renderer.Write("</figcaption>");
        }
        renderer.WriteLine("</figure>");
    }
}
