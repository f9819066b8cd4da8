namespace Casebook.Core.Imaging;

/// <summary>One size of a published image: its site-relative path (<c>assets/…</c>) and pixel width.</summary>
public sealed record ImageVariant(string Path, int Width);

/// <summary>A raster image from <c>input/assets/</c> as the site publishes it: upright, without metadata, at its
/// own (capped) size under its own name and smaller widths beside it. Width and height are of the largest one.</summary>
public sealed record PublishedImage(string Path, int Width, int Height, IReadOnlyList<ImageVariant> Variants);

/// <summary>The published images of a site by site-relative path (<c>assets/photos/a.jpg</c>).</summary>
public sealed class ImageCatalog(IReadOnlyDictionary<string, PublishedImage> images)
{
    public static ImageCatalog Empty { get; } = new(new Dictionary<string, PublishedImage>());

    public PublishedImage? Find(string sitePath) => images.GetValueOrDefault(sitePath);

    public int Count => images.Count;
}
