using System.Collections.Concurrent;
using Casebook.Core.Diagnostics;

namespace Casebook.Core.Imaging;

/// <summary>The build stage between loading and rendering that makes every photo in <c>input/assets/</c> safe to
/// publish (see <see cref="ImageProcessor"/>) and tells the Markdown renderer each one's sizes. A file that does not
/// decode is an error (CB2002): copying it unchanged could publish what it carries.</summary>
public static class ImageStage
{
    public sealed record Result(ImageCatalog Catalog, IReadOnlyList<(string SitePath, string File)> Files);

    /// <param name="assets">Site assets: path relative to <c>input/assets/</c> and full path.</param>
    /// <param name="publish">Encode the copies (through the cache) for writing; a check only measures and reads nothing else.</param>
    public static Result Run(string sourceRoot, IEnumerable<(string RelativePath, string FullPath)> assets, bool publish, DiagnosticBag diagnostics)
    {
        var images = new ConcurrentDictionary<string, PublishedImage>(StringComparer.Ordinal);
        var files = new ConcurrentBag<(string, string)>();
        var cache = new ImageCache(sourceRoot);
        var work = assets.Where(a => ImageProcessor.FormatOf(a.RelativePath) is not null).ToList();
        Parallel.ForEach(work, asset =>
        {
            var sitePath = "assets/" + asset.RelativePath;
            if (VariantNameTooLong(sitePath) is { } tooLong)
            {
                diagnostics.Error(DiagnosticCodes.NameTooLong, tooLong, new SourceSpan(Relative(sourceRoot, asset.FullPath), 1, 1));
                return;
            }
            byte[] bytes;
            try { bytes = File.ReadAllBytes(asset.FullPath); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(DiagnosticCodes.UnreadableFile, $"画像を読めません: {e.Message}", new SourceSpan(Relative(sourceRoot, asset.FullPath), 1, 1));
                return;
            }
            if (publish)
            {
                var entry = cache.GetOrCreate(bytes, ImageProcessor.FormatOf(asset.RelativePath)!.Value);
                if (entry is null) { Corrupt(Relative(sourceRoot, asset.FullPath), diagnostics); return; }
                var variants = new List<ImageVariant>();
                foreach (var (file, width, _) in entry.Copies)
                {
                    var path = width == entry.Copies[0].Width ? sitePath : VariantPath(sitePath, width);
                    variants.Add(new ImageVariant(path, width));
                    files.Add((path, file));
                }
                variants.Reverse();
                images[sitePath] = new PublishedImage(sitePath, entry.Copies[0].Width, entry.Copies[0].Height, variants);
            }
            else if (ImageProcessor.Measure(bytes) is { } size)
            {
                var variants = ImageProcessor.TargetWidths(size.Width).Select(w => new ImageVariant(w == Math.Min(size.Width, ImageProcessor.Widths[^1]) ? sitePath : VariantPath(sitePath, w), w)).ToList();
                var largest = variants[^1].Width;
                images[sitePath] = new PublishedImage(sitePath, largest, Math.Max(1, (int)Math.Round((double)size.Height * largest / size.Width)), variants);
            }
            else Corrupt(Relative(sourceRoot, asset.FullPath), diagnostics);
        });
        return new Result(new ImageCatalog(images), files.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList());
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>CB1107's message when a smaller copy's file name (<see cref="VariantPath"/>: the name with "-1440w" added)
    /// would be longer than a file system takes (255 bytes), or null. The copies are written beside the photo, so a name
    /// that fits as it is could not be published.</summary>
    public static string? VariantNameTooLong(string sitePath)
    {
        var longest = ImageProcessor.Widths.Max(w => System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(VariantPath(sitePath, w))));
        if (longest <= Casebook.Core.Text.FolderName.MaxBytes) return null;
        var name = Path.GetFileName(sitePath);
        var head = name.Length <= 20 ? name : name[..(char.IsHighSurrogate(name[19]) ? 19 : 20)] + "…";
        return $"画像のファイル名「{head}」が長すぎます（{name.Length} 文字）。公開する画像には幅ごとの縮小版（名前に「-1440w」などが付きます）をつくるため、"
            + $"その名前が {Casebook.Core.Text.FolderName.MaxBytes} バイトを超えます。ファイル名を短くしてください（漢字・かなで 80 文字まで）。";
    }

    /// <summary><c>assets/p/a.jpg</c> at 480 px → <c>assets/p/a-480w.jpg</c>.</summary>
    public static string VariantPath(string sitePath, int width)
    {
        var ext = Path.GetExtension(sitePath);
        return $"{sitePath[..^ext.Length]}-{width}w{ext}";
    }

    private static void Corrupt(string path, DiagnosticBag diagnostics) =>
        diagnostics.Error(DiagnosticCodes.ImageUnreadable,
            "画像として読めません（壊れているか、拡張子と中身の形式が違います）。元の写真から書き出し直してください。", new SourceSpan(path, 1, 1));
}
