using SkiaSharp;

namespace Casebook.Core.Imaging;

/// <summary>Re-encodes a photo for publishing with SkiaSharp: decoded to pixels, turned upright by its EXIF orientation,
/// resized to a few widths and encoded again. Only pixels survive the round trip, so EXIF, XMP and IPTC (GPS position,
/// camera, owner) are never written. The same input gives the same bytes: fixed widths, quality and resampler.</summary>
public static class ImageProcessor
{
    /// <summary>Widths offered in srcset; an image is never enlarged, and its largest copy is at most the last.</summary>
    public static readonly int[] Widths = [480, 960, 1440];
    public const int JpegQuality = 82;
    /// <summary>Part of the cache key: change it whenever the output of this class changes.</summary>
    public const string Version = "skia-1|480,960,1440|q82|mitchell";

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public sealed record Encoded(int Width, int Height, byte[] Bytes);

    /// <summary>Whether the extension names a format this class re-encodes (others are copied as they are).</summary>
    public static SKEncodedImageFormat? FormatOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
        ".png" => SKEncodedImageFormat.Png,
        ".webp" => SKEncodedImageFormat.Webp,
        _ => null,
    };

    /// <summary>The upright size of the image, reading the whole image so a corrupt file is found; null when it
    /// cannot be decoded.</summary>
    public static (int Width, int Height)? Measure(byte[] bytes)
    {
        using var bitmap = DecodeUpright(bytes);
        return bitmap is null ? null : (bitmap.Width, bitmap.Height);
    }

    /// <summary>The published copies, largest first; null when the image cannot be decoded.</summary>
    public static List<Encoded>? Publish(byte[] bytes, SKEncodedImageFormat format)
    {
        using var upright = DecodeUpright(bytes);
        if (upright is null) return null;
        var result = new List<Encoded>();
        foreach (var width in TargetWidths(upright.Width).Reverse())
        {
            var height = Math.Max(1, (int)Math.Round((double)upright.Height * width / upright.Width));
            using var resized = width == upright.Width ? null : upright.Resize(new SKImageInfo(width, height, upright.ColorType, upright.AlphaType), Sampling);
            var source = resized ?? upright;
            using var data = source.Encode(format, format == SKEncodedImageFormat.Png ? 100 : JpegQuality);
            if (data is null) return null;
            result.Add(new Encoded(source.Width, source.Height, data.ToArray()));
        }
        return result;
    }

    /// <summary>The widths to publish for an image <paramref name="width"/> pixels wide, ascending.</summary>
    public static IEnumerable<int> TargetWidths(int width)
    {
        var largest = Math.Min(width, Widths[^1]);
        return Widths.Where(w => w < largest).Append(largest);
    }

    private static SKBitmap? DecodeUpright(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > 100_000_000) return null;
        var bitmap = new SKBitmap(info);
        var status = codec.GetPixels(info, bitmap.GetPixels());
        if (status != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        var upright = Orient(bitmap, codec.EncodedOrigin);
        if (!ReferenceEquals(upright, bitmap)) bitmap.Dispose();
        return upright;
    }

    /// <summary>The pixels as the camera meant them to be seen (EXIF orientation 1–8 applied).</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return bitmap;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(result);
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(m);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return result;
    }
}
