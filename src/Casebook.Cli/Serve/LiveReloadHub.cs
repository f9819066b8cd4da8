using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Casebook.Cli.Serve;

/// <summary>The open pages, each listening on a server-sent-event stream: after a build they hear "reload" (with the
/// changed URLs) or "builderror" (with the diagnostics for the overlay).</summary>
internal sealed class LiveReloadHub
{
    private readonly List<Channel<string>> _clients = new();

    public void Broadcast(string evt, string data)
    {
        var message = $"event: {evt}\ndata: {data}\n\n";
        lock (_clients)
            foreach (var c in _clients) c.Writer.TryWrite(message);
    }

    /// <summary>One page's stream: <paramref name="hello"/> first, then every broadcast, with a ping while quiet.</summary>
    public async Task StreamAsync(HttpContext ctx, string hello, CancellationToken stop)
    {
        ctx.Response.ContentType = "text/event-stream; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        var channel = Channel.CreateUnbounded<string>();
        lock (_clients) _clients.Add(channel);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stop,
            ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            await ctx.Response.WriteAsync($"retry: 1000\nevent: hello\ndata: {hello}\n\n", cts.Token);
            await ctx.Response.Body.FlushAsync(cts.Token);
            while (!cts.IsCancellationRequested)
            {
                using var ping = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                ping.CancelAfter(TimeSpan.FromSeconds(15));
                string message;
                try { message = await channel.Reader.ReadAsync(ping.Token); }
                catch (OperationCanceledException) when (!cts.IsCancellationRequested) { message = ": ping\n\n"; }
                await ctx.Response.WriteAsync(message, cts.Token);
                await ctx.Response.Body.FlushAsync(cts.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            lock (_clients) _clients.Remove(channel);
        }
    }

    /// <summary>Ends every stream (serve is stopping).</summary>
    public void CloseAll()
    {
        lock (_clients) foreach (var c in _clients) c.Writer.TryComplete();
    }
}
