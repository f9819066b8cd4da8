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

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("br;q=0.5, gzip;q=0.8", "gzip")]
    [InlineData("BR;Q=1.0, gzip;q=1", "br")]
    [InlineData("*", "br")]
    [InlineData("*;q=0.1, gzip;q=0.5", "gzip")]
    [InlineData("gzip;q=0, *", "br")]
    [InlineData("identity", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("", null)]
    public void The_encoding_is_the_accepted_one_of_higher_weight_brotli_on_a_tie(string accept, string? expected) =>
        Assert.Equal(expected, TextCompression.Choose(accept));

    [Fact]
    public async Task Text_is_sent_as_brotli_when_accepted_decodes_to_the_file_and_each_encoding_has_its_own_validator()
    {
        var site = Path.Combine(Path.GetTempPath(), "casebook-br-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(site);
        var js = "export const words = [" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"見守り{i}\"")) + "];";
        File.WriteAllText(Path.Combine(site, "search.js"), js);
        try
        {
            await using var server = await LoopbackServer.ServeFolderAsync(site);
            using var http = new HttpClient();
            async Task<HttpResponseMessage> Get(string accept, System.Net.Http.Headers.EntityTagHeaderValue? tag = null)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/search.js");
                request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                if (tag is not null) request.Headers.IfNoneMatch.Add(tag);
                return await http.SendAsync(request);
            }
            var br = await Get("gzip, deflate, br");
            Assert.Equal("br", br.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", br.Headers.Vary);
            var body = await br.Content.ReadAsByteArrayAsync();
            Assert.Equal(body.Length, br.Content.Headers.ContentLength);
            using (var decoder = new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress))
            using (var reader = new StreamReader(decoder))
                Assert.Equal(js, reader.ReadToEnd());
            var gzip = await Get("gzip");
            Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
            // Brotli is the smaller of the two here, as for the search page's files.
            Assert.True(body.Length < (await gzip.Content.ReadAsByteArrayAsync()).Length);
            // The same file asked for again, compressed once and kept: the same bytes.
            Assert.Equal(body, await (await Get("br")).Content.ReadAsByteArrayAsync());

            // A validator names one encoding: a client that now takes gzip gets the body, not a 304 for the Brotli one.
            Assert.NotEqual(br.Headers.ETag, gzip.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, (await Get("br", br.Headers.ETag)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Get("gzip", br.Headers.ETag)).StatusCode);

            // An edit is compressed anew.
            File.WriteAllText(Path.Combine(site, "search.js"), "export const edited = true;");
            File.SetLastWriteTimeUtc(Path.Combine(site, "search.js"), DateTime.UtcNow.AddSeconds(5));
            var edited = await Get("br");
            using (var decoder = new System.IO.Compression.BrotliStream(await edited.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
            using (var reader = new StreamReader(decoder))
                Assert.Equal("export const edited = true;", reader.ReadToEnd());
        }
        finally { Directory.Delete(site, true); }
    }

    [Fact]
    public async Task A_client_taking_both_encodings_gets_the_smaller_body_in_the_encoding_it_names()
    {
        var site = Path.Combine(Path.GetTempPath(), "casebook-smaller-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(site);
        // A facet column's kind of text (digits with little structure), where gzip and Brotli come close, and prose.
        var random = new Random(1);
        var files = new Dictionary<string, string>
        {
            ["cells.json"] = "{\"cells\":\"" + string.Concat(Enumerable.Range(0, 10000).Select(_ => random.Next(1, 4).ToString() + random.Next(0, 3))) + "\"}",
            ["page.html"] = "<p>" + string.Concat(Enumerable.Repeat("見守り活動の記録。買い物の支援。", 300)) + "</p>",
            // Over the size compressed at the best setting (a volume's print page): faster settings, same rule.
            ["print.html"] = "<p>" + string.Concat(Enumerable.Range(0, 8000).Select(i => $"事例{i}の記録。")) + "</p>",
        };
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(site, name), text);
        try
        {
            await using var server = await LoopbackServer.ServeFolderAsync(site);
            using var http = new HttpClient();
            async Task<(string Encoding, byte[] Body)> Get(string name, string accept)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/" + name);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                var response = await http.SendAsync(request);
                return (response.Content.Headers.ContentEncoding.Single(), await response.Content.ReadAsByteArrayAsync());
            }
            foreach (var (name, text) in files)
            {
                var br = await Get(name, "br");
                var gzip = await Get(name, "gzip");
                var both = await Get(name, "gzip, deflate, br");
                Assert.Equal(Math.Min(br.Body.Length, gzip.Body.Length), both.Body.Length);
                Stream decoder = both.Encoding == "br"
                    ? new System.IO.Compression.BrotliStream(new MemoryStream(both.Body), System.IO.Compression.CompressionMode.Decompress)
                    : new System.IO.Compression.GZipStream(new MemoryStream(both.Body), System.IO.Compression.CompressionMode.Decompress);
                using var reader = new StreamReader(decoder);
                Assert.Equal(text, reader.ReadToEnd());
            }
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
