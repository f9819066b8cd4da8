using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Core.Output;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>What the build gives マイタグ: the hidden control on case pages with its strings, /my/ with its data,
/// the tag suggestions and the case-title shards (docs/mytags.md).</summary>
public class MyTagsPageTests
{
    private static FixtureSite Site() => new(FixtureSite.Config.Replace("cases: [alpha, beta]", "cases: [alpha, beta, gamma]")
        + "\n" + FixtureSite.Case("alpha")
        + "\n" + FixtureSite.Case("beta").Replace("tags: [タクシー]", "tags: [タクシー, 見守り]")
        + "\n" + FixtureSite.Case("gamma").Replace("tags: [タクシー]", "tags: [見守り, 研修, タクシー]"));

    private static AngleSharp.Dom.IDocument Page(FixtureSite site, string path) => site.Html(path);

    [Fact]
    public void Case_pages_carry_a_hidden_control_with_every_string_its_script_uses()
    {
        using var site = Site();
        Assert.True(site.Build().Success);
        var doc = Page(site, "cases/alpha/index.html");
        var control = doc.GetElementById("mytags")!;
        Assert.True(control.HasAttribute("hidden"));   // without JavaScript the page reads as before
        Assert.Equal("alpha", control.GetAttribute("data-case"));
        Assert.Equal("事例 alpha", control.GetAttribute("data-title"));
        Assert.Equal("/cases/alpha/", control.GetAttribute("data-url"));
        Assert.Equal("/data/tags.json", control.GetAttribute("data-tags-url"));
        Assert.NotNull(doc.QuerySelector("label[for=mytags-input]"));
        Assert.NotNull(doc.QuerySelector("label[for=mytags-note]"));
        Assert.Equal("mytags-suggestions", doc.GetElementById("mytags-input")!.GetAttribute("list"));

        // mytags.js reads its strings from data-t-* attributes: each one it uses is there, filled from ja.yml.
        var given = control.Attributes.Where(a => a.Name.StartsWith("data-t-", StringComparison.Ordinal))
            .ToDictionary(a => "mytags_" + a.Name[7..].Replace('-', '_'), a => a.Value);
        var js = File.ReadAllText(Path.Combine(Repo.Theme, "assets", "js", "mytags.js"));
        var used = Regex.Matches(js, @"\bt\.(mytags_[a-z_]+)").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(js, @"mytags_notice_\$\{").Count > 0
                ? ["mytags_notice_corrupt", "mytags_notice_partial", "mytags_notice_version", "mytags_notice_readonly", "mytags_notice_unavailable", "mytags_notice_quota"]
                : []).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, k => Assert.True(given.TryGetValue(k, out var v) && v.Length > 0 && !v.StartsWith("mytags_", StringComparison.Ordinal), k));
    }

    [Fact]
    public void My_page_has_its_data_and_every_string_its_scripts_use_under_the_base_path()
    {
        using var site = Site();
        Assert.True(site.Build("https://x.example/sub/").Success);
        var doc = Page(site, "my/index.html");
        Assert.True(doc.GetElementById("my-app")!.HasAttribute("hidden"));
        Assert.NotNull(doc.GetElementById("my-nojs"));
        Assert.Contains("このブラウザーの中", doc.GetElementById("my-privacy")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll("script[type=module]"), s => s.GetAttribute("src") == "/sub/assets/js/mytags-page.js");
        using var data = JsonDocument.Parse(doc.GetElementById("mytags-data")!.TextContent);
        var root = data.RootElement;
        Assert.Equal("/sub/", root.GetProperty("base_path").GetString());
        Assert.Equal("テストサイト", root.GetProperty("site").GetProperty("title").GetString());
        Assert.Equal("https://x.example/sub/", root.GetProperty("site").GetProperty("url").GetString());
        Assert.Equal(1, root.GetProperty("shards").GetInt32());
        Assert.Equal("/sub/data/case-titles/", root.GetProperty("titles_url").GetString());

        using var strings = JsonDocument.Parse(doc.GetElementById("mytags-strings")!.TextContent);
        var keys = strings.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var js = string.Concat(new[] { "mytags-page.js", "mytags-transfer.js" }.Select(f => File.ReadAllText(Path.Combine(Repo.Theme, "assets", "js", f))));
        var used = Regex.Matches(js, @"\bt\.(mytags_[a-z_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(used.Count > 20);
        Assert.All(used.Append("mytags_problem_titles"), k => Assert.Contains(k, keys));
        // The footer links to it from every page.
        Assert.Contains(Page(site, "index.html").QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/sub/my/");
    }

    [Fact]
    public void Tag_suggestions_list_the_sites_tags_most_used_first_and_titles_come_in_shards()
    {
        using var site = Site();
        Assert.True(site.Build().Success);
        Assert.Equal("[\"タクシー\",\"見守り\",\"研修\"]\n", site.ReadOutput("data/tags.json"));
        using var shard = JsonDocument.Parse(site.ReadOutput("data/case-titles/0.json"));
        Assert.Equal(["alpha", "beta", "gamma"], shard.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("事例 beta", shard.RootElement.GetProperty("beta")[0].GetString());
        Assert.Equal("/cases/beta/", shard.RootElement.GetProperty("beta")[1].GetString());
        Assert.False(site.OutputExists("data/case-titles/1.json"));
    }

    [Fact]
    public void Shards_grow_with_the_site_and_match_the_browsers_hash()
    {
        Assert.Equal(1, ReaderData.ShardCount(0));
        Assert.Equal(1, ReaderData.ShardCount(100));
        Assert.Equal(2, ReaderData.ShardCount(101));
        Assert.Equal(100, ReaderData.ShardCount(10_000));
        // The same values tests/js/mytags.test.mjs expects of shardOf in mytags-core.js.
        Assert.Equal(48, ReaderData.ShardOf("yokohama-aoba", 100));
        Assert.Equal(95, ReaderData.ShardOf("chiba-hot-station", 100));
        Assert.Equal(5, ReaderData.ShardOf("case-09999", 7));
    }
}
