using System.Text;

namespace Casebook.Core.Output;

/// <summary>One file of the built site, by its path relative to the output folder.</summary>
public sealed record OutputFile(string Path, byte[] Bytes)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    public static OutputFile Text(string path, string text) => new(path, Utf8.GetBytes(text));
    /// <summary>Rendered pages as files (UTF-8 without BOM).</summary>
    public static List<OutputFile> Of(IEnumerable<Rendering.RenderedPage> pages) => pages.Select(p => Text(p.Path, p.Html)).ToList();
    public static OutputFile TextWithBom(string path, string text) => new(path, [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(text)]);
}
