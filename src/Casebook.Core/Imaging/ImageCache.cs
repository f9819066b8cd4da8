using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Casebook.Core.Imaging;

/// <summary>Published copies kept between builds under <c>.casebook-cache/images/&lt;hash&gt;/</c> of the site folder,
/// keyed by the SHA-256 of the original's bytes and <see cref="ImageProcessor.Version"/>: a rebuild re-encodes only
/// new or changed photos, and an entry is written whole (a temporary folder, then a rename) or not at all.</summary>
public sealed class ImageCache(string sourceRoot)
{
    public const string FolderName = ".casebook-cache";

    private readonly string _root = Path.Combine(sourceRoot, FolderName, "images");

    /// <summary>A cached entry: the copies' files, largest first, with their sizes.</summary>
    public sealed record Entry(IReadOnlyList<(string File, int Width, int Height)> Copies);

    public static string Key(byte[] bytes) =>
        Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. Encoding.UTF8.GetBytes("\n" + ImageProcessor.Version)]))[..32];

    /// <summary>The entry for the image, encoding and storing it on first use; null when it cannot be decoded.</summary>
    public Entry? GetOrCreate(byte[] bytes, SkiaSharp.SKEncodedImageFormat format)
    {
        var dir = Path.Combine(_root, Key(bytes));
        if (Read(dir) is { } cached) return cached;
        var copies = ImageProcessor.Publish(bytes, format);
        if (copies is null) return null;
        Directory.CreateDirectory(_root);
        var temp = dir + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temp);
        var manifest = new StringBuilder();
        for (var i = 0; i < copies.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(temp, i.ToString(CultureInfo.InvariantCulture)), copies[i].Bytes);
            manifest.Append(CultureInfo.InvariantCulture, $"{i} {copies[i].Width} {copies[i].Height}\n");
        }
        File.WriteAllText(Path.Combine(temp, "manifest"), manifest.ToString());
        try { Directory.Move(temp, dir); }
        catch (IOException) { Directory.Delete(temp, true); }   // another build stored the same image meanwhile
        return Read(dir);
    }

    private static Entry? Read(string dir)
    {
        var manifest = Path.Combine(dir, "manifest");
        if (!File.Exists(manifest)) return null;
        var copies = new List<(string, int, int)>();
        foreach (var line in File.ReadAllLines(manifest))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3) return null;
            copies.Add((Path.Combine(dir, parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
        return copies.Count > 0 && copies.All(c => File.Exists(c.Item1)) ? new Entry(copies) : null;
    }
}
