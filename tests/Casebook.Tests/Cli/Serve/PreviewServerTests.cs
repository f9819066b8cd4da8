using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Casebook.Cli.Serve;
using Casebook.Core.Editing;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli.Serve;

public sealed class ServeSite : IAsyncDisposable
{
    public FixtureSite Site { get; }
    public PreviewServer Server { get; private set; } = null!;
    public HttpClient Http { get; } = new();

    public ServeSite(string txtar) => Site = new FixtureSite(txtar);

    /// <param name="prepare">Writes what a txtar cannot hold (binary files) before the server starts.</param>
    public static async Task<ServeSite> StartAsync(string? txtar = null, Action<FixtureSite>? prepare = null)
    {
        var s = new ServeSite(txtar ?? FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        prepare?.Invoke(s.Site);
        s.Server = await PreviewServer.StartAsync(new ServeOptions(s.Site.Root, Port: 0, ThemeDir: Repo.Theme));
        return s;
    }

    /// <summary>Runs <paramref name="change"/> and waits until the server has finished a build after it.</summary>
    public async Task ChangeAndWait(Action change, int timeoutMs = 20000)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnBuilt(int v) => done.TrySetResult(v);
        Server.Built += OnBuilt;
        try
        {
            change();
            var finished = await Task.WhenAny(done.Task, Task.Delay(timeoutMs));
            Assert.True(finished == done.Task, "no rebuild after the change");
        }
        finally { Server.Built -= OnBuilt; }
    }

    public Task<HttpResponseMessage> Api(HttpMethod method, string caseId, object? body = null, string? token = null, Action<HttpRequestMessage>? tweak = null)
    {
        var req = new HttpRequestMessage(method, $"{Server.Origin}/__casebook/api/case/{caseId}");
        if (token is not null) req.Headers.Add("X-Casebook-Token", token);
        if (body is not null) req.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        tweak?.Invoke(req);
        return Http.SendAsync(req);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Site.Dispose();
    }
}

public class PreviewServerTests
{
    [Fact]
    public async Task Listens_on_loopback_only()
    {
        await using var s = await ServeSite.StartAsync();
        Assert.StartsWith("http://127.0.0.1:", s.Server.Origin);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(address, s.Server.Port));
        }
        using var loop = new TcpClient();
        await loop.ConnectAsync(IPAddress.Loopback, s.Server.Port);
        Assert.True(loop.Connected);
    }

    [Fact]
    public async Task Serves_pages_with_live_reload_script_that_the_built_site_does_not_have()
    {
        await using var s = await ServeSite.StartAsync();
        var html = await s.Http.GetStringAsync(s.Server.Origin + "/cases/alpha/");
        Assert.Contains("<script type=\"module\" src=\"/__casebook/live.js\"></script>", html);
        Assert.Contains("/__casebook/tagging.js", html);
        Assert.Contains($"data-token=\"{s.Server.Token}\"", html);
        Assert.Contains($"data-session=\"{s.Server.Session}\"", html);
        using (var events = new StreamReader(await s.Http.GetStreamAsync(s.Server.Origin + "/__casebook/events")))
        {
            var hello = JsonDocument.Parse(await NextEvent(events, "hello")).RootElement;
            Assert.Equal(s.Server.Session, hello.GetProperty("session").GetString());
            Assert.DoesNotContain(s.Server.Token, hello.GetRawText());
        }
        var home = await s.Http.GetStringAsync(s.Server.Origin + "/");
        Assert.Contains("/__casebook/live.js", home);
        Assert.DoesNotContain("tagging.js", home);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync(s.Server.Origin + "/__casebook/live.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync(s.Server.Origin + "/assets/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync(s.Server.Origin + "/no/such/page/")).StatusCode);

        var build = s.Site.Build();
        Assert.True(build.Success);
        foreach (var f in Directory.EnumerateFiles(s.Site.Output, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain("__casebook", File.ReadAllText(f));
    }

    [Fact]
    public async Task Rebuilds_after_an_edit_and_reports_only_changed_pages()
    {
        await using var s = await ServeSite.StartAsync();
        using var events = await OpenEvents(s);
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        await s.ChangeAndWait(() => File.WriteAllText(path, File.ReadAllText(path).Replace("title: 事例 alpha", "title: 書き換えた題名")));
        Assert.Equal("incremental", s.Server.LastBuildMode);
        var html = await s.Http.GetStringAsync(s.Server.Origin + "/cases/alpha/");
        Assert.Contains("書き換えた題名", html);
        // The edited case's page is shown (and reloaded) first, then the pages listing it.
        List<string?> Changed(string reload) => JsonDocument.Parse(reload).RootElement.GetProperty("changed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["/cases/alpha/"], Changed(await NextEvent(events, "reload")));
        var changed = Changed(await NextEvent(events, "reload"));
        Assert.Contains("/cases/", changed);
        Assert.DoesNotContain("/cases/alpha/", changed);
        Assert.DoesNotContain("/checklists/", changed);

        // A change to the configuration rebuilds everything.
        var config = Path.Combine(s.Site.Root, "casebook.yml");
        await s.ChangeAndWait(() => File.WriteAllText(config, File.ReadAllText(config).Replace("title: テストサイト", "title: 新しいサイト名")));
        Assert.Equal("full", s.Server.LastBuildMode);
        Assert.Contains("新しいサイト名", await s.Http.GetStringAsync(s.Server.Origin + "/cases/beta/"));
    }

    [Fact]
    public async Task An_edit_saved_through_a_temporary_file_is_still_incremental()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/beta.md");
        var temp = Path.Combine(s.Site.Root, "input/cases/sedXyZ123");
        await s.ChangeAndWait(() =>
        {
            File.WriteAllText(temp, File.ReadAllText(path).Replace("title: 事例 beta", "title: sed で変えた題名"));
            File.Move(temp, path, overwrite: true);
        });
        Assert.Equal("incremental", s.Server.LastBuildMode);
        Assert.Contains("sed で変えた題名", await s.Http.GetStringAsync(s.Server.Origin + "/cases/beta/"));
    }

    [Fact]
    public async Task A_content_error_keeps_the_last_good_site_and_is_reported_to_pages()
    {
        await using var s = await ServeSite.StartAsync();
        using var events = await OpenEvents(s);
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var good = File.ReadAllText(path);
        await s.ChangeAndWait(() => File.WriteAllText(path, good.Replace("elements: [1, 2]", "elements: [1, 9]")));
        Assert.Contains(s.Server.Errors, d => d.Code == "CB1201" && d.Span.Path == "input/cases/alpha.md");
        var page = await s.Http.GetAsync(s.Server.Origin + "/cases/alpha/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("事例 alpha", await page.Content.ReadAsStringAsync());
        var error = await NextEvent(events, "builderror");
        Assert.Contains("CB1201", error);
        await s.ChangeAndWait(() => File.WriteAllText(path, good));
        Assert.Empty(s.Server.Errors);
    }

    [Fact]
    public async Task Requests_for_other_host_names_are_refused()
    {
        await using var s = await ServeSite.StartAsync();
        var req = new HttpRequestMessage(HttpMethod.Get, s.Server.Origin + "/");
        req.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Http.SendAsync(req)).StatusCode);
    }

    internal static async Task<StreamReader> OpenEvents(ServeSite s)
    {
        var stream = await s.Http.GetStreamAsync(s.Server.Origin + "/__casebook/events");
        var reader = new StreamReader(stream);
        await NextEvent(reader, "hello");
        return reader;
    }

    internal static async Task<string> NextEvent(StreamReader reader, string name)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? evt = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("event: ", StringComparison.Ordinal)) evt = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && evt == name) return line[6..];
        }
    }
}

public class TaggingApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Token_is_required_and_checked()
    {
        await using var s = await ServeSite.StartAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Api(HttpMethod.Get, "alpha")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Api(HttpMethod.Get, "alpha", token: new string('0', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Api(HttpMethod.Get, "alpha", token: s.Server.Token)).StatusCode);
        var before = File.ReadAllBytes(Path.Combine(s.Site.Root, "input/cases/alpha.md"));
        var hash = SourceFileWriter.Hash(before);
        var r = await s.Api(HttpMethod.Post, "alpha", new { hash, tags = new[] { "新しい" } }, token: "wrong");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var foreign = await s.Api(HttpMethod.Post, "alpha", new { hash, tags = new[] { "新しい" } }, s.Server.Token,
            req => req.Headers.Add("Origin", "http://attacker.example"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(s.Site.Root, "input/cases/alpha.md")));
    }

    [Fact]
    public async Task Saves_only_the_edited_lines()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var state = await Json(await s.Api(HttpMethod.Get, "alpha", token: s.Server.Token));
        Assert.Equal(["1", "2"], state.GetProperty("terms").GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, state.GetProperty("options").GetProperty("elements").GetArrayLength());
        var before = File.ReadAllText(path);
        var r = await s.Api(HttpMethod.Post, "alpha", new
        {
            hash = state.GetProperty("hash").GetString(),
            elements = new[] { "2", "5" },
            pillars = new[] { "koryu-ibasho", "seikatsu-shien" },
            tags = new[] { "タクシー", "ＩＣＴ" },
        }, s.Server.Token);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var after = File.ReadAllText(path);
        var expected = before.Replace("elements: [1, 2]", "elements: [2, 5]").Replace("pillars: [生活支援]", "pillars: [生活支援, 交流・居場所]")
            .Replace("tags: [タクシー]", "tags: [タクシー, ICT]");
        Assert.Equal(expected, after);
        Assert.Equal(SourceFileWriter.Hash(File.ReadAllBytes(path)), (await Json(r)).GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_is_refused_and_nothing_is_overwritten()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var state = await Json(await s.Api(HttpMethod.Get, "alpha", token: s.Server.Token));
        var hash = state.GetProperty("hash").GetString();
        File.AppendAllText(path, "別の人が書き足した本文\n");
        var changed = File.ReadAllBytes(path);
        var r = await s.Api(HttpMethod.Post, "alpha", new { hash, tags = new[] { "新しい" } }, s.Server.Token);
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Contains("ほかで変更されています", (await Json(r)).GetProperty("message").GetString());
        Assert.Equal(changed, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Of_two_concurrent_saves_from_the_same_version_exactly_one_wins()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var hash = SourceFileWriter.Hash(File.ReadAllBytes(path));
        var saves = Enumerable.Range(0, 6).Select(i => s.Api(HttpMethod.Post, "alpha", new { hash, tags = new[] { $"並行{i}" } }, s.Server.Token)).ToList();
        var codes = (await Task.WhenAll(saves)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.Equal(5, codes.Count(c => c == HttpStatusCode.Conflict));
        var tags = EditableDocument.Parse(File.ReadAllBytes(path)).ReadList("tags");
        Assert.Single(tags);
        Assert.StartsWith("並行", tags[0]);
    }

    [Fact]
    public async Task Unknown_terms_of_closed_vocabularies_are_refused_before_writing()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var before = File.ReadAllBytes(path);
        var r = await s.Api(HttpMethod.Post, "alpha", new { hash = SourceFileWriter.Hash(before), elements = new[] { "9" } }, s.Server.Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Case_ids_cannot_reach_other_files()
    {
        await using var s = await ServeSite.StartAsync();
        foreach (var id in new[] { "..%2F..%2Fcasebook", "../../casebook.yml", "%2e%2e%2fcasebook.yml", "alpha%2F..%2F..%2Fcasebook.yml" })
        {
            var r = await s.Api(HttpMethod.Get, id, token: s.Server.Token);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
    }
}
