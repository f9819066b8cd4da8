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
    public async Task Text_is_gzipped_for_a_client_that_accepts_it_and_binary_files_are_sent_as_they_are()
    {
        var site = Path.Combine(Path.GetTempPath(), "casebook-gzip-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(site, "pagefind"));
        var html = "<p>" + string.Concat(Enumerable.Repeat("見守り活動の記録。", 200)) + "</p>";
        File.WriteAllText(Path.Combine(site, "index.html"), html);
        byte[] index = [0x1f, 0x8b, 1, 2, 3];
        File.WriteAllBytes(Path.Combine(site, "pagefind", "a.pf_meta"), index);
        try
        {
            await using var server = await LoopbackServer.ServeFolderAsync(site);
            using var http = new HttpClient();
            var gzipped = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/");
            gzipped.Headers.AcceptEncoding.ParseAdd("gzip, deflate");
            var page = await http.SendAsync(gzipped);
            Assert.Equal("gzip", page.Content.Headers.ContentEncoding.Single());
            var body = await page.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < System.Text.Encoding.UTF8.GetByteCount(html) / 4);
            using (var gz = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress))
            using (var reader = new StreamReader(gz))
                Assert.Equal(html, reader.ReadToEnd());

            var plain = await http.GetAsync(server.Origin + "/");
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            Assert.Equal(html, await plain.Content.ReadAsStringAsync());

            var binary = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/pagefind/a.pf_meta");
            binary.Headers.AcceptEncoding.ParseAdd("gzip");
            var file = await http.SendAsync(binary);
            Assert.Empty(file.Content.Headers.ContentEncoding);
            Assert.Equal(index, await file.Content.ReadAsByteArrayAsync());
        }
        finally { Directory.Delete(site, true); }
    }

    [Fact]
    public async Task Every_file_has_a_validator_and_an_unchanged_one_answers_304_without_a_body()
    {
        var site = Path.Combine(Path.GetTempPath(), "casebook-etag-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "index.html"), "<p>一</p>");
        try
        {
            await using var server = await LoopbackServer.ServeFolderAsync(site);
            using var http = new HttpClient();
            var first = await http.GetAsync(server.Origin + "/");
            Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl?.NoCache, "no-cache: a browser asks again each time (serve shows edits at once)");
            var tag = first.Headers.ETag;
            Assert.NotNull(tag);

            var again = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/");
            again.Headers.IfNoneMatch.Add(tag);
            var unchanged = await http.SendAsync(again);
            Assert.Equal(System.Net.HttpStatusCode.NotModified, unchanged.StatusCode);
            Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

            // An edit changes the validator: the same request now gets the new page.
            File.WriteAllText(Path.Combine(site, "index.html"), "<p>二つ目</p>");
            File.SetLastWriteTimeUtc(Path.Combine(site, "index.html"), DateTime.UtcNow.AddSeconds(5));
            var stale = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/");
            stale.Headers.IfNoneMatch.Add(tag);
            var edited = await http.SendAsync(stale);
            Assert.Equal(System.Net.HttpStatusCode.OK, edited.StatusCode);
            Assert.Equal("<p>二つ目</p>", await edited.Content.ReadAsStringAsync());

            var missing = await http.GetAsync(server.Origin + "/nothing/");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Null(missing.Headers.ETag);
        }
        finally { Directory.Delete(site, true); }
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
