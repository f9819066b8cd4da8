using Casebook.Publishing.Hosting;

namespace Casebook.Benchmarks;

/// <summary>
/// Serves a built site on loopback, as the browser tests and search-load do (text gzipped), until stdin closes or the
/// process is stopped; prints the origin first. For tools that need a URL, such as scripts/lighthouse.sh.
///   serve-site --site DIR [--port 0]
/// </summary>
public static class ServeSite
{
    public static async Task<int> Run(string[] args)
    {
        string? site = null;
        var port = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
            switch (args[i])
            {
                case "--site": site = args[i + 1]; break;
                case "--port": port = int.Parse(args[i + 1]); break;
            }
        if (site is null) { Console.Error.WriteLine("usage: serve-site --site DIR [--port N]"); return 2; }
        await using var server = await LoopbackServer.StartAsync(new StaticFolder(site).HandleAsync, port);
        Console.WriteLine(server.Origin);
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await Task.WhenAny(stop.Task, Task.Run(() => Console.In.ReadToEnd()));
        return 0;
    }
}
