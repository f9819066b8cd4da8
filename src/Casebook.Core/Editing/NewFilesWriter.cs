namespace Casebook.Core.Editing;

/// <summary>Writes a command's new files and its edit of casebook.yml together or not at all: every new file must not
/// exist yet, and when a write fails, or <c>verify</c> rejects the result, the files written are removed and
/// casebook.yml gets its old bytes back. <c>casebook import</c> and <c>casebook new case</c> use it.</summary>
public static class NewFilesWriter
{
    public sealed record NewFile(string FullPath, byte[] Bytes);

    /// <returns>null when all was written, else the reason nothing was (for the editor).</returns>
    public static string? Write(IReadOnlyList<NewFile> files, string configPath, string? updatedConfig, Func<string?> verify)
    {
        foreach (var f in files)
            if (File.Exists(f.FullPath)) return $"{f.FullPath} はすでにあります。";
        var original = File.ReadAllBytes(configPath);
        var written = new List<string>();
        var createdDirs = new List<string>();
        try
        {
            foreach (var f in files)
            {
                var dir = Path.GetDirectoryName(f.FullPath)!;
                for (var d = dir; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) createdDirs.Add(d);
                Directory.CreateDirectory(dir);
                using (var fs = new FileStream(f.FullPath, FileMode.CreateNew, FileAccess.Write)) fs.Write(f.Bytes);
                written.Add(f.FullPath);
            }
            if (updatedConfig is not null) File.WriteAllText(configPath, updatedConfig);
            var problem = verify();
            if (problem is null) return null;
            Undo();
            return problem;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Undo();
            return e.Message;
        }

        void Undo()
        {
            File.WriteAllBytes(configPath, original);
            foreach (var p in written) File.Delete(p);
            foreach (var d in createdDirs) if (Directory.Exists(d) && !Directory.EnumerateFileSystemEntries(d).Any()) Directory.Delete(d);
        }
    }
}
