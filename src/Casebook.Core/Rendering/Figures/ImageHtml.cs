using System.Globalization;
using System.Net;
using System.Text;
using Casebook.Core.Imaging;

namespace Casebook.Core.Rendering.Figures;

/// <summary>The <c>&lt;img&gt;</c> of a published photo: the largest copy as <c>src</c>, every copy in <c>srcset</c>,
/// <c>sizes</c> for the text column, its width and height (the browser reserves the space: no layout shift), lazy
/// loading. An image the catalogue does not know (an SVG, another site's) gets a plain tag.</summary>
public sealed class ImageHtml(ImageCatalog catalog, string basePath)
{
    // Case bodies are at most about 46rem wide (the reading column); narrower screens use the whole width.
    public const string Sizes = "(min-width: 48rem) 46rem, 100vw";

    /// <param name="url">The address as written; a site path (<c>/assets/…</c>) is looked up and given the base path.</param>
    public string Write(string url, string alt)
    {
        var sb = new StringBuilder("<img");
        var image = url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            ? catalog.Find(Uri.UnescapeDataString(url.Split('#', '?')[0].TrimStart('/'))) : null;
        if (image is null)
        {
            Attr(sb, "src", url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? basePath + url[1..] : url);
            Attr(sb, "alt", alt);
            Attr(sb, "loading", "lazy");
            return sb.Append('>').ToString();
        }
        Attr(sb, "src", basePath + image.Path);
        if (image.Variants.Count > 1)
        {
            Attr(sb, "srcset", string.Join(", ", image.Variants.Select(v => basePath + v.Path + " " + v.Width.ToString(CultureInfo.InvariantCulture) + "w")));
            Attr(sb, "sizes", Sizes);
        }
        Attr(sb, "width", image.Width.ToString(CultureInfo.InvariantCulture));
        Attr(sb, "height", image.Height.ToString(CultureInfo.InvariantCulture));
        Attr(sb, "alt", alt);
        Attr(sb, "loading", "lazy");
        Attr(sb, "decoding", "async");
        return sb.Append('>').ToString();
    }

    private static void Attr(StringBuilder sb, string name, string value) =>
        sb.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
}
