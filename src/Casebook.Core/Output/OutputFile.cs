using System.Text;

namespace Casebook.Core.Output;

/// <summary>One file of the built site, by its path relative to the output folder.</summary>
public sealed record OutputFile(string Path, byte[] Bytes)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    public static OutputFile Text(string path, string text) => new(path, Utf8.GetBytes(text));
    public static OutputFile TextWithBom(string path, string text) => new(path, [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(text)]);
}
