using System.Net.Http;
using Casebook.Publishing;

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
        File.WriteAllText(Path.Combine(root, "secret.txt"), "secret");
        try
        {
            await using var server = LoopbackServer.Start(site, "/sub/");
            Assert.StartsWith("http://127.0.0.1:", server.Origin);
            using var http = new HttpClient();
            var page = await http.GetAsync(server.Origin + "/sub/volumes/v/print/");
            Assert.True(page.IsSuccessStatusCode);
            Assert.Equal("<p>印刷版</p>", await page.Content.ReadAsStringAsync());
            var css = await http.GetAsync(server.Origin + "/sub/assets/css/print.css");
            Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);

            Assert.Null(server.Resolve("/volumes/v/print/"));            // outside the base path
            Assert.Null(server.Resolve("/sub/../secret.txt"));
            Assert.Null(server.Resolve("/sub/%2e%2e/secret.txt"));
            Assert.Equal(404, (int)(await http.GetAsync(server.Origin + "/sub/missing/")).StatusCode);
        }
        finally { Directory.Delete(root, true); }
    }
}
