using Casebook.Core.Threading;

namespace Casebook.Tests.Core.Threading;

public class WorkQueueTests
{
    [Fact]
    public void Every_piece_runs_once()
    {
        var runs = new int[1000];
        WorkQueue.Run(runs.Length, i => Interlocked.Increment(ref runs[i]), threads: 4);
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Pieces_start_in_list_order()
    {
        var started = new List<int>();
        WorkQueue.Run(50, started.Add, threads: 1);
        Assert.Equal(Enumerable.Range(0, 50), started);
    }

    /// <summary>The first piece waits for the second: with one thread, or threads that never started, it would wait forever.</summary>
    [Fact]
    public void Pieces_run_on_several_threads_at_once()
    {
        using var second = new ManualResetEventSlim();
        var waited = false;
        WorkQueue.Run(2, i =>
        {
            if (i == 0) waited = second.Wait(TimeSpan.FromSeconds(30));
            else second.Set();
        }, threads: 2);
        Assert.True(waited);
    }

    [Fact]
    public void The_first_exception_is_rethrown_as_thrown_and_no_more_pieces_start()
    {
        var ran = new List<int>();
        var e = Assert.Throws<IOException>(() => WorkQueue.Run(10, i =>
        {
            ran.Add(i);
            if (i == 3) throw new IOException("disk full");
        }, threads: 1));
        Assert.Equal("disk full", e.Message);
        Assert.Equal([0, 1, 2, 3], ran);
    }
}
