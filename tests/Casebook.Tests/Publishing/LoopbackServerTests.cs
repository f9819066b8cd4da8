using System.Net;
using System.Net.Http;
using Casebook.Publishing.Hosting;

namespace Casebook.Tests.Publishing;

public class LoopbackServerTests
{
    [Fact]
    public async Task Serves_the_folder_under_its_base_path_and_nothing_else()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-loopback-" + Guid.NewGuid().ToString("N")[..8]);
        var site = Path.Combine(root, "site");
        Directory.CreateDirectory(Path.Combine(site, "volumes", "v", "print"));
        Directory.CreateDirectory(Path.Combine(site, "assets", "css"));
        File.WriteAllText(Path.Combine(site, "volumes", "v", "print", "index.html"), "<p>印刷版</p>");
        File.WriteAllText(Path.Combine(site, "assets", "css", "print.css"), "body{}");
        File.WriteAllText(Path.Combine(site, "404.html"), "<p>ありません</p>");
        File.WriteAllText(Path.Combine(root, "secret.txt"), "secret");
        try
        {
            await using var server = await LoopbackServer.ServeFolderAsync(site, "/sub/");
            Assert.StartsWith("http://127.0.0.1:", server.Origin);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var page = await http.GetAsync(server.Origin + "/sub/volumes/v/print/");
            Assert.True(page.IsSuccessStatusCode);
            Assert.Equal("<p>印刷版</p>", await page.Content.ReadAsStringAsync());
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            var css = await http.GetAsync(server.Origin + "/sub/assets/css/print.css");
            Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", css.Content.Headers.ContentType!.CharSet);

            var folder = await http.GetAsync(server.Origin + "/sub/volumes/v/print");
            Assert.Equal(HttpStatusCode.Redirect, folder.StatusCode);
            Assert.Equal("/sub/volumes/v/print/", folder.Headers.Location!.OriginalString);

            var missing = await http.GetAsync(server.Origin + "/sub/missing/");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("<p>ありません</p>", await missing.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Origin + "/volumes/v/print/")).StatusCode);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync(server.Origin + "/sub/volumes/v/print/", null)).StatusCode);

            var other = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/sub/volumes/v/print/");
            other.Headers.Host = "attacker.example";
            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(other)).StatusCode);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void Nothing_outside_the_base_path_or_the_folder_resolves()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-folder-" + Guid.NewGuid().ToString("N")[..8]);
        var site = Path.Combine(root, "site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "index.html"), "<p>top</p>");
        File.WriteAllText(Path.Combine(root, "secret.txt"), "secret");
        try
        {
            var folder = new StaticFolder(site, "/sub/");
            Assert.Equal(Path.Combine(site, "index.html"), folder.Resolve("/sub/index.html"));
            Assert.Null(folder.Resolve("/index.html"));
            Assert.Null(folder.Resolve("/sub/../secret.txt"));
            Assert.Null(folder.Resolve("/sub/%2e%2e/secret.txt"));
            Assert.Null(folder.Resolve("/sub/%2e%2e%2fsecret.txt"));
        }
        finally { Directory.Delete(root, true); }
    }
}
