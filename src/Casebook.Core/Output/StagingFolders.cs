using System.Collections.Concurrent;

namespace Casebook.Core.Output;

/// <summary>Makes the folders of a build's files in the staging folder on a thread of its own, in the order the render
/// writes the files, so the render's threads find them made. Two threads making folders in one parent wait on that
/// parent's lock in the kernel (…/cases/ holds 10,000), even for a folder that exists; made here, the kernel's work runs
/// beside the render, also while the collector has stopped the render's threads.</summary>
public sealed class StagingFolders
{
    private readonly ConcurrentDictionary<string, byte> _made = new(StringComparer.Ordinal);
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <param name="files">Paths relative to the staging folder, in the order they will be written.</param>
    public StagingFolders(string staged, IReadOnlyList<string> files)
    {
        var root = Path.GetFullPath(staged) + Path.DirectorySeparatorChar;
        _thread = new Thread(() =>
        {
            try
            {
                foreach (var file in files)
                {
                    if (_stop) return;
                    Make(Path.GetDirectoryName(SiteWriter.SafePath(root, file))!);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The render meets the same error when it writes that file, and reports it.
            }
        }) { IsBackground = true, Name = "casebook folders" };
        _thread.Start();
    }

    /// <summary>Makes the folder unless it was made (by this thread or a writer).</summary>
    public void Make(string folder)
    {
        if (_made.ContainsKey(folder)) return;
        Directory.CreateDirectory(folder);
        _made.TryAdd(folder, 0);
    }

    /// <summary>Stops making folders (the build failed, or ended) and waits until the thread has stopped, so nothing is
    /// made in a staging folder after it was discarded.</summary>
    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }
}
