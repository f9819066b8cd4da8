using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Casebook.Publishing.Hosting;

/// <summary>The one HTTP server Casebook runs: Kestrel on 127.0.0.1 only, never reachable from the network.
/// Requests naming another host are refused (a page elsewhere cannot reach it through DNS rebinding) and every
/// response says nosniff. What it serves is the caller's: a built folder (<see cref="StaticFolder"/>: PDF
/// printing, tests) or serve's in-memory site.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>http://127.0.0.1:port — without any base path.</summary>
    public string Origin { get; }
    public int Port { get; }

    private LoopbackServer(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
        Port = new Uri(origin).Port;
    }

    /// <param name="port">0 for a free port chosen by the system.</param>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(async ctx =>
        {
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
            if (ctx.Request.Host.Host is not ("127.0.0.1" or "localhost"))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await handler(ctx);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackServer(app, address.TrimEnd('/'));
    }

    /// <summary>Serves the built site in <paramref name="root"/> read-only under <paramref name="basePath"/>.</summary>
    public static Task<LoopbackServer> ServeFolderAsync(string root, string basePath = "/") =>
        StartAsync(new StaticFolder(root, basePath).HandleAsync);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(2));
        await _app.DisposeAsync();
    }
}
