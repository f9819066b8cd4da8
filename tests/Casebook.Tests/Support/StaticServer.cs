using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Casebook.Tests.Support;

/// <summary>Serves a built site on 127.0.0.1 (random port), optionally under a base path.</summary>
public sealed class StaticServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Origin { get; }

    private StaticServer(WebApplication app, string origin) { _app = app; Origin = origin; }

    public static async Task<StaticServer> StartAsync(string root, string basePath = "/")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".pf_meta"] = "application/octet-stream";
        types.Mappings[".pf_fragment"] = "application/octet-stream";
        types.Mappings[".pf_index"] = "application/octet-stream";
        types.Mappings[".pf_filter"] = "application/octet-stream";
        types.Mappings[".pagefind"] = "application/octet-stream";
        types.Mappings[".wasm"] = "application/wasm";
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var options = new StaticFileOptions { FileProvider = files, ContentTypeProvider = types, ServeUnknownFileTypes = true };
        if (basePath != "/") options.RequestPath = basePath.TrimEnd('/');
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = options.RequestPath });
        app.UseStaticFiles(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
