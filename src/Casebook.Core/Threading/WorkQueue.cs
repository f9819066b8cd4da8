using System.Runtime.ExceptionServices;

namespace Casebook.Core.Threading;

/// <summary>Runs a list of independent pieces of work on every core, taken one at a time in list order from a shared
/// counter. The threads are the caller's and dedicated ones, not the thread pool's: work queued to the pool behind a
/// parallel loop that holds every pool thread waits until the pool injects more threads (seconds at 10,000 cases), and
/// a pool kept busy elsewhere (the search stage) cannot delay a build. List order is the order work starts in, so
/// the caller puts the longest pieces first and nothing long runs alone at the end.</summary>
public static class WorkQueue
{
    /// <summary>Runs <paramref name="work"/> for 0 … <paramref name="count"/> − 1. The first exception stops the threads
    /// from taking more work and is rethrown as it was thrown (an I/O error stays an <see cref="IOException"/>).</summary>
    public static void Run(int count, Action<int> work, int threads = 0)
    {
        if (count <= 0) return;
        threads = Math.Min(count, threads > 0 ? threads : Environment.ProcessorCount);
        var next = -1;
        ExceptionDispatchInfo? failed = null;
        void Loop()
        {
            int i;
            while (Volatile.Read(ref failed) is null && (i = Interlocked.Increment(ref next)) < count)
            {
                try { work(i); }
                catch (Exception e) { Interlocked.CompareExchange(ref failed, ExceptionDispatchInfo.Capture(e), null); }
            }
        }
        var helpers = new Thread[threads - 1];
        for (var t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Loop) { IsBackground = true, Name = "casebook worker" };
            helpers[t].Start();
        }
        Loop();
        foreach (var t in helpers) t.Join();
        failed?.Throw();
    }
}
