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

    /// <summary>Runs <paramref name="change"/> and waits for the build it leads to: the first build after it for which
    /// <paramref name="until"/> holds (called inside the build, so <see cref="PreviewServer.Site"/> and
    /// <see cref="PreviewServer.Errors"/> are that build's). A build that caught the change half-saved does not end the wait.
    /// Returns every build from the change up to that one. The wait is long because the tests may share two cores with
    /// much other work (a run at load 27 once took over 20 s for a build); it ends as soon as the build is done.</summary>
    public async Task<IReadOnlyList<BuildReport>> ChangeAndWait(Action change, Func<BuildReport, bool> until, int timeoutMs = 60_000)
    {
        var builds = new List<BuildReport>();
        var done = new TaskCompletionSource<IReadOnlyList<BuildReport>>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnBuilt(BuildReport r)
        {
            lock (builds)
            {
                builds.Add(r);
                if (!done.Task.IsCompleted && until(r)) done.TrySetResult(builds.ToList());
            }
        }
        Server.Built += OnBuilt;
        try
        {
            change();
            var finished = await Task.WhenAny(done.Task, Task.Delay(timeoutMs));
            lock (builds) Assert.True(finished == done.Task, $"no build as expected after the change; builds: {string.Join(", ", builds)}");
            return await done.Task;
        }
        finally { Server.Built -= OnBuilt; }
    }

    /// <summary>Whether the site being served has <paramref name="text"/> in <paramref name="file"/>.</summary>
    public bool Shows(string file, string text) =>
        Server.Site?.Files.TryGetValue(file, out var bytes) == true && Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal);

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
        var builds = await s.ChangeAndWait(() => File.WriteAllText(path, File.ReadAllText(path).Replace("title: 事例 alpha", "title: 書き換えた題名")),
            r => r.Succeeded && s.Shows("cases/alpha/index.html", "書き換えた題名"));
        Assert.All(builds, b => Assert.Equal("incremental", b.Mode));
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
        builds = await s.ChangeAndWait(() => File.WriteAllText(config, File.ReadAllText(config).Replace("title: テストサイト", "title: 新しいサイト名")),
            r => r.Succeeded && s.Shows("cases/beta/index.html", "新しいサイト名"));
        Assert.Equal("full", builds[^1].Mode);
        Assert.Contains("新しいサイト名", await s.Http.GetStringAsync(s.Server.Origin + "/cases/beta/"));
    }

    [Fact]
    public async Task An_edit_saved_through_a_temporary_file_is_still_incremental()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/beta.md");
        var temp = Path.Combine(s.Site.Root, "input/cases/sedXyZ123");
        var builds = await s.ChangeAndWait(() =>
        {
            File.WriteAllText(temp, File.ReadAllText(path).Replace("title: 事例 beta", "title: sed で変えた題名"));
            File.Move(temp, path, overwrite: true);
        }, r => r.Succeeded && s.Shows("cases/beta/index.html", "sed で変えた題名"));
        Assert.All(builds, b => Assert.Equal("incremental", b.Mode));
        Assert.Contains("sed で変えた題名", await s.Http.GetStringAsync(s.Server.Origin + "/cases/beta/"));
    }

    [Fact]
    public async Task A_temporary_file_left_for_a_while_before_the_rename_causes_no_full_rebuild()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/beta.md");
        var temp = Path.Combine(s.Site.Root, "input/cases/sedAbC456");
        var builds = await s.ChangeAndWait(() =>
        {
            File.WriteAllText(temp, File.ReadAllText(path).Replace("title: 事例 beta", "title: ゆっくり保存した題名"));
            Thread.Sleep(300); // far longer than the watcher's quiet moment: it sees the temporary file alone
            File.Move(temp, path, overwrite: true);
        }, r => r.Succeeded && s.Shows("cases/beta/index.html", "ゆっくり保存した題名"));
        Assert.All(builds, b => Assert.Equal("incremental", b.Mode));
    }

    [Fact]
    public async Task A_save_caught_half_written_is_followed_by_an_incremental_rebuild()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var text = File.ReadAllBytes(path);
        FileStream? save = null;
        try
        {
            // The editor has truncated the file and stalls: the watcher builds the empty file, which fails.
            var failed = await s.ChangeAndWait(() => save = new FileStream(path, FileMode.Truncate, FileAccess.Write),
                r => !r.Succeeded && s.Server.Errors.Any(d => d.Span.Path == "input/cases/alpha.md"));
            Assert.Equal("incremental", failed[^1].Mode);
            Assert.True(s.Shows("cases/alpha/index.html", "事例 alpha"), "the last good site stays");
            var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text).Replace("title: 事例 alpha", "title: 遅れて書けた題名"));
            var builds = await s.ChangeAndWait(() => { save!.Write(edited); save.Dispose(); },
                r => r.Succeeded && s.Shows("cases/alpha/index.html", "遅れて書けた題名"));
            Assert.All(builds, b => Assert.Equal("incremental", b.Mode));
            Assert.Empty(s.Server.Errors);
        }
        finally { save?.Dispose(); }
    }

    [Fact]
    public async Task A_file_emptied_for_a_moment_by_a_save_is_not_built_empty()
    {
        await using var s = await ServeSite.StartAsync();
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var edited = Encoding.UTF8.GetBytes(File.ReadAllText(path).Replace("title: 事例 alpha", "title: 少し待って書いた題名"));
        var builds = await s.ChangeAndWait(() =>
        {
            using var save = new FileStream(path, FileMode.Truncate, FileAccess.Write);
            Thread.Sleep(100); // longer than the quiet moment, well within the wait for an emptied file
            save.Write(edited);
        }, r => r.Succeeded && s.Shows("cases/alpha/index.html", "少し待って書いた題名"));
        Assert.All(builds, b => Assert.True(b.Succeeded, $"build {b.Version} read the empty file"));
        Assert.All(builds, b => Assert.Equal("incremental", b.Mode));
    }

    [Fact]
    public async Task Another_file_changed_while_the_site_is_broken_is_not_lost()
    {
        await using var s = await ServeSite.StartAsync();
        var alpha = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var beta = Path.Combine(s.Site.Root, "input/cases/beta.md");
        var good = File.ReadAllText(alpha);
        await s.ChangeAndWait(() => File.WriteAllText(alpha, good.Replace("elements: [1, 2]", "elements: [1, 9]")), r => !r.Succeeded);
        // beta's edit is not in the last good site, which the failed builds keep: fixing alpha must not build from it alone.
        var broken = await s.ChangeAndWait(() => File.WriteAllText(beta, File.ReadAllText(beta).Replace("title: 事例 beta", "title: 壊れている間の題名")),
            r => !r.Succeeded);
        Assert.Equal("full", broken[^1].Mode);
        var builds = await s.ChangeAndWait(() => File.WriteAllText(alpha, good), r => r.Succeeded);
        Assert.Equal("full", builds[^1].Mode);
        Assert.True(s.Shows("cases/beta/index.html", "壊れている間の題名"), "beta's edit made while alpha was broken is shown");
        Assert.True(s.Shows("cases/alpha/index.html", "事例 alpha"));
        Assert.Empty(s.Server.Errors);
    }

    [Fact]
    public async Task A_content_error_keeps_the_last_good_site_and_is_reported_to_pages()
    {
        await using var s = await ServeSite.StartAsync();
        using var events = await OpenEvents(s);
        var path = Path.Combine(s.Site.Root, "input/cases/alpha.md");
        var good = File.ReadAllText(path);
        await s.ChangeAndWait(() => File.WriteAllText(path, good.Replace("elements: [1, 2]", "elements: [1, 9]")),
            r => !r.Succeeded && s.Server.Errors.Any(d => d.Code == "CB1201"));
        Assert.Contains(s.Server.Errors, d => d.Code == "CB1201" && d.Span.Path == "input/cases/alpha.md");
        var page = await s.Http.GetAsync(s.Server.Origin + "/cases/alpha/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("事例 alpha", await page.Content.ReadAsStringAsync());
        var error = await NextEvent(events, "builderror");
        Assert.Contains("CB1201", error);
        // Fixing the file that broke the build rebuilds from the last good site.
        var fixedBuilds = await s.ChangeAndWait(() => File.WriteAllText(path, good), r => r.Succeeded);
        Assert.Equal("incremental", fixedBuilds[^1].Mode);
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
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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
