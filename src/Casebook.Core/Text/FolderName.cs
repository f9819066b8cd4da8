using System.Text;

namespace Casebook.Core.Text;

/// <summary>A name (an organization, a region, a term) as the folder of its page: the slug, and whether a file system
/// takes it.</summary>
public static class FolderName
{
    /// <summary>The most a file or folder name holds: 255 bytes of UTF-8 on ext4 and APFS, where a kanji or kana takes
    /// three (85 of them); NTFS counts 255 UTF-16 units, which is never less.</summary>
    public const int MaxBytes = 255;

    /// <summary>A safe folder name: NFKC, no path separators or characters file systems reject.</summary>
    public static string Slug(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC).Trim();
        var sb = new StringBuilder(n.Length);
        foreach (var ch in n)
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_' or '・' or 'ー') sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "-" : slug;
    }

    /// <summary>The bytes of the folder name <paramref name="name"/> makes (UTF-8, as Linux and macOS count them).</summary>
    public static int Bytes(string name) => Encoding.UTF8.GetByteCount(Slug(name));
}
