using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Casebook.Core.Editing;

/// <summary>The file changed since the edit was based on it; nothing was written.</summary>
public sealed class EditConflictException(string message, string currentHash) : Exception(message)
{
    public string CurrentHash { get; } = currentHash;
}

/// <summary>Writes edited content files safely: only regular files under <c>input/</c> of the site (no symbolic
/// links on the way), only when the file is still the version the edit was based on (SHA-256 of its bytes),
/// and atomically (a temporary file in the same folder, then a rename), so readers never see half a file.</summary>
public static class SourceFileWriter
{
    private static readonly ConcurrentDictionary<string, object> Locks = new(StringComparer.Ordinal);

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Full path of <paramref name="path"/> if it is a file that may be edited, else throws.</summary>
    public static string CheckEditable(string sourceRoot, string path)
    {
        var root = Path.GetFullPath(sourceRoot);
        var input = Path.Combine(root, "input") + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        if (!full.StartsWith(input, StringComparison.Ordinal))
            throw new FrontMatterEditException("input/ の外のファイルは書き換えられません。");
        // A link inside input/ could point anywhere; refuse every link between input/ and the file.
        for (var p = full; p.Length >= input.Length; p = Path.GetDirectoryName(p)!)
        {
            var info = new FileInfo(p);
            if (info.Exists || Directory.Exists(p))
                if ((File.GetAttributes(p) & FileAttributes.ReparsePoint) != 0)
                    throw new FrontMatterEditException("シンボリックリンクを通したファイルは書き換えられません。");
        }
        if (!File.Exists(full))
            throw new FrontMatterEditException("ファイルがありません。");
        return full;
    }

    /// <summary>Reads a file and the hash an edit of it must present.</summary>
    public static (byte[] Bytes, string Hash) Read(string fullPath)
    {
        var bytes = File.ReadAllBytes(fullPath);
        return (bytes, Hash(bytes));
    }

    /// <summary>Replaces the file with <paramref name="bytes"/> if its current content still hashes to
    /// <paramref name="expectedHash"/>; otherwise throws <see cref="EditConflictException"/>.</summary>
    public static void Write(string sourceRoot, string path, byte[] bytes, string expectedHash)
    {
        var full = CheckEditable(sourceRoot, path);
        lock (Locks.GetOrAdd(full, _ => new object()))
        {
            var dir = Path.GetDirectoryName(full)!;
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".casebook-" + Guid.NewGuid().ToString("N")[..8] + ".tmp");
            try
            {
                using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    fs.Write(bytes);
                    fs.Flush(true);
                }
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
                // Check as late as possible: between here and the rename only this process holds the lock.
                var current = Hash(File.ReadAllBytes(full));
                if (!string.Equals(current, expectedHash, StringComparison.OrdinalIgnoreCase))
                    throw new EditConflictException("このファイルは、編集を始めた後にほかで変更されています。上書きせずに中止しました。最新の内容を読み込み直してから、もう一度編集してください。", current);
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }
}
