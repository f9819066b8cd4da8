using System.Buffers;
using Casebook.Core.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Casebook.Core.Output;

/// <summary>Writes the site into a temporary folder beside the output and swaps it in, so a failed
/// build never leaves a half-written site and paths can never escape the output folder.</summary>
public static class SiteWriter
{
    /// <summary>Creates an empty staging folder beside the output folder and returns it.</summary>
    public static string Begin(string outputDir)
    {
        var full = Path.GetFullPath(outputDir);
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) + ".tmp-" + Environment.ProcessId);
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        Directory.CreateDirectory(temp);
        return temp;
    }

    /// <summary>Writes a file (an export) in the staging folder, in a folder that <paramref name="folders"/> may have made
    /// already.</summary>
    public static void Write(string staged, OutputFile file, StagingFolders folders) => WriteNew(Made(staged, file.Path, folders), file.Bytes);

    /// <summary>Opens a staged file for text (UTF-8, no BOM), so a page can be written as it is rendered; in a folder that
    /// <paramref name="folders"/> may have made already.</summary>
    public static TextWriter OpenText(string staged, string relativePath, StagingFolders folders) => new PageWriter(Made(staged, relativePath, folders));

    /// <summary>Creates a file in the staging folder for writing. The folder is fresh, so the file is created, not
    /// truncated: FileMode.Create truncates with ftruncate, after which ext4 writes the file out at close (its guard for
    /// files replaced in place), a disk write on the writing thread for each page and export. A path written twice
    /// still replaces.</summary>
    internal static SafeFileHandle CreateStaged(string path)
    {
        try { return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite); }
        catch (IOException) when (File.Exists(path))
        {
            return File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        }
    }

    private static void WriteNew(string target, byte[] bytes)
    {
        using var file = CreateStaged(target);
        RandomAccess.Write(file, bytes, 0);
    }

    /// <summary>Copies files (theme and site assets, re-encoded images) into the staging folder, each created new as pages
    /// and exports are (<see cref="CreateStaged"/>), so a copy also takes the build's permissions, not its source's.</summary>
    public static void Copy(string staged, IEnumerable<(string Path, string Source)> copies)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            foreach (var (path, source) in copies) CopyNew(source, Target(staged, path), buffer);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void CopyNew(string source, string target, byte[] buffer)
    {
        using var from = File.OpenHandle(source);
        using var to = CreateStaged(target);
        long offset = 0;
        for (int n; (n = RandomAccess.Read(from, buffer, offset)) > 0; offset += n)
            RandomAccess.Write(to, buffer.AsSpan(0, n), offset);
    }

    private static string Made(string staged, string relativePath, StagingFolders folders)
    {
        var target = SafePath(Path.GetFullPath(staged) + Path.DirectorySeparatorChar, relativePath);
        folders.Make(Path.GetDirectoryName(target)!);
        return target;
    }

    private static string Target(string staged, string relativePath)
    {
        var target = SafePath(Path.GetFullPath(staged) + Path.DirectorySeparatorChar, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return target;
    }

    /// <summary>Replaces the output folder with the staged one.</summary>
    public static void Commit(string staged, string outputDir)
    {
        var full = Path.GetFullPath(outputDir).TrimEnd(Path.DirectorySeparatorChar);
        var old = full + ".old-" + Environment.ProcessId;
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(staged, full);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    public static void Discard(string staged)
    {
        if (Directory.Exists(staged)) Directory.Delete(staged, true);
    }

    public static string SafePath(string root, string relative)
    {
        var target = Path.GetFullPath(Path.Combine(root, relative));
        if (!target.StartsWith(root, StringComparison.Ordinal))
            throw new InvalidOperationException($"出力先の外へ書き出そうとしました: {relative}");
        return target;
    }
}
