using Casebook.Core.Diagnostics;

namespace Casebook.Core.Output;

/// <summary>Writes the site into a temporary folder beside the output and swaps it in, so a failed
/// build never leaves a half-written site and paths can never escape the output folder.</summary>
public static class SiteWriter
{
    public static string Stage(string outputDir, IEnumerable<OutputFile> files, IEnumerable<(string Path, string Source)> copies)
    {
        var temp = Begin(outputDir);
        Parallel.ForEach(files, f => Write(temp, f));
        Copy(temp, copies);
        return temp;
    }

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

    public static void Write(string staged, OutputFile file)
    {
        var target = Target(staged, file.Path);
        File.WriteAllBytes(target, file.Bytes);
    }

    /// <summary>The same, in a folder that <paramref name="folders"/> may have made already.</summary>
    public static void Write(string staged, OutputFile file, StagingFolders folders) => File.WriteAllBytes(Made(staged, file.Path, folders), file.Bytes);

    /// <summary>Opens a staged file for text (UTF-8, no BOM), so a page can be written as it is rendered.</summary>
    public static TextWriter OpenText(string staged, string relativePath) => new PageWriter(Target(staged, relativePath));

    /// <summary>The same, in a folder that <paramref name="folders"/> may have made already.</summary>
    public static TextWriter OpenText(string staged, string relativePath, StagingFolders folders) => new PageWriter(Made(staged, relativePath, folders));

    public static void Copy(string staged, IEnumerable<(string Path, string Source)> copies)
    {
        foreach (var (path, source) in copies) File.Copy(source, Target(staged, path), true);
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
