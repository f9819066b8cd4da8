using System.Text.RegularExpressions;

namespace Casebook.Core.Imaging;

/// <summary>For a server that answers from the source folder (<c>casebook serve</c>): the published copy behind a
/// photo's site path — the original's name or a <c>-480w</c> copy — made through the same cache as the build, so
/// the preview shows what the site will publish and never the original with its metadata.</summary>
public static partial class PublishedImageFile
{
    /// <param name="sitePath">e.g. <c>assets/photos/a-480w.jpg</c>.</param>
    /// <returns>The cached file, or null when the path is no photo of the site (or it does not decode).</returns>
    public static string? Find(string sourceRoot, string sitePath)
    {
        if (!sitePath.StartsWith("assets/", StringComparison.Ordinal) || ImageProcessor.FormatOf(sitePath) is not { } format) return null;
        var assets = Path.GetFullPath(Path.Combine(sourceRoot, "input", "assets")) + Path.DirectorySeparatorChar;
        int? width = null;
        var original = sitePath;
        if (!File.Exists(Full(assets, sitePath)) && Variant().Match(sitePath) is { Success: true } m)
        {
            original = m.Groups[1].Value + m.Groups[3].Value;
            width = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        var full = Full(assets, original);
        if (full is null || !File.Exists(full)) return null;
        var entry = new ImageCache(sourceRoot).GetOrCreate(File.ReadAllBytes(full), format);
        if (entry is null) return null;
        if (width is null) return entry.Copies[0].File;
        return entry.Copies.FirstOrDefault(c => c.Width == width && c.Width != entry.Copies[0].Width).File;
    }

    private static string? Full(string assets, string sitePath)
    {
        var full = Path.GetFullPath(Path.Combine(assets, sitePath["assets/".Length..]));
        return full.StartsWith(assets, StringComparison.Ordinal) ? full : null;
    }

    [GeneratedRegex(@"^(.*)-(\d{2,5})w(\.[A-Za-z]+)$")]
    private static partial Regex Variant();
}
