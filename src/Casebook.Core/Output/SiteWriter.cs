using Casebook.Core.Diagnostics;

namespace Casebook.Core.Output;

/// <summary>Writes the site into a temporary folder beside the output and swaps it in, so a failed
/// build never leaves a half-written site and paths can never escape the output folder.</summary>
public static class SiteWriter
{
    public static string Stage(string outputDir, IEnumerable<OutputFile> files, IEnumerable<(string Path, string Source)> copies)
    {
        var full = Path.GetFullPath(outputDir);
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) + ".tmp-" + Environment.ProcessId);
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        Directory.CreateDirectory(temp);
        var tempRoot = Path.GetFullPath(temp) + Path.DirectorySeparatorChar;
        Parallel.ForEach(files, f =>
        {
            var target = SafePath(tempRoot, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, f.Bytes);
        });
        foreach (var (path, source) in copies)
        {
            var target = SafePath(tempRoot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, true);
        }
        return temp;
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
