using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

/// <summary>Markdown text, with abbreviations marked where <see cref="AbbreviationMarker"/> allows.</summary>
internal sealed class AbbreviatingLiteralRenderer(AbbreviationMarker marker) : HtmlObjectRenderer<LiteralInline>
{
    protected override void Write(HtmlRenderer renderer, LiteralInline obj)
    {
        // An image's alt text is written as plain text inside an attribute: never marked up.
        if (renderer.EnableHtmlEscape && renderer.EnableHtmlForInline && marker.Enabled) marker.WriteText(renderer, obj.Content.AsSpan());
        else if (renderer.EnableHtmlEscape) renderer.WriteEscape(ref obj.Content);
        else renderer.Write(ref obj.Content);
    }
}

/// <summary>A raw HTML tag inside a paragraph: written as Markdig writes it, and followed by the marker.</summary>
internal sealed class AbbreviatingHtmlInlineRenderer(AbbreviationMarker marker) : HtmlObjectRenderer<HtmlInline>
{
    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        if (!renderer.EnableHtmlForInline) return;
        if (marker.Enabled) marker.WriteRaw(renderer, obj.Tag.AsSpan());
        else renderer.Write(obj.Tag);
    }
}

/// <summary>A raw HTML block: its lines as Markdig writes them, with the first uses in its text marked.</summary>
internal sealed class AbbreviatingHtmlBlockRenderer(AbbreviationMarker marker) : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        if (!marker.Enabled) { renderer.WriteLeafRawLines(obj, true, false); return; }
        var lines = obj.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            marker.WriteRaw(renderer, lines.Lines[i].Slice.AsSpan());
            renderer.WriteLine();
        }
    }
}
