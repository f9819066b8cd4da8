using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>Content cannot inject script: an XSS corpus in every place content reaches a page.</summary>
public class XssTests
{
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<body onload=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "{{ 7 | plus: 7 }}{% raw %}",
    ];

    public static IEnumerable<object[]> Cases() => Payloads.Select((p, i) => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Payload_in_body_front_matter_and_config_never_executes(int index)
    {
        var payload = Payloads[index];
        var yaml = "'" + payload.Replace("'", "''") + "'";
        using var site = new FixtureSite(FixtureSite.Config.Replace("title: テスト事例集", "title: " + yaml) + "\n" +
            FixtureSite.Case("alpha",
                $"subtitle: {yaml}\nsummary: {yaml}\nvoices:\n  - {{ speaker: {yaml}, role: {yaml}, text: {yaml} }}\nprofile:\n  人口: {yaml}",
                $"## {payload}\n\n{payload}\n\n[リンク](javascript:alert(1))\n\n| a |\n|---|\n| {payload.Replace("|", "\\|")} |\n").Replace("tags: [タクシー]", $"tags: [{yaml}]") + "\n" +
            FixtureSite.Case("beta") + "\n" +
            $"-- input/glossary/g.yml --\nentries:\n  - {{ abbr: {yaml}, expansion: {yaml} }}\n" +
            $"-- input/lessons/l.md --\n---\ntitle: {yaml}\nblocks:\n  - type: cards\n    title: {yaml}\n    items:\n      - {{ title: {yaml}, text: {yaml} }}\n---\n{payload}\n");
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        foreach (var file in Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories))
        {
            var doc = site.Html(Path.GetRelativePath(site.Output, file));
            var where = Path.GetRelativePath(site.Output, file);
            var csp = doc.QuerySelector("meta[http-equiv=Content-Security-Policy]")?.GetAttribute("content") ?? "";
            Assert.DoesNotContain("unsafe-inline", csp);
            // Only our own scripts: module files from /assets/, JSON data blocks, and on the search page the theme's boot
            // script, which runs because the policy names its hash (and would not run if content changed a character).
            foreach (var s in doc.QuerySelectorAll("script"))
            {
                var type = s.GetAttribute("type") ?? "";
                if (where == Path.Combine("search", "index.html") && type == "" && s.HasAttribute("data-search-start") && !s.HasAttribute("src"))
                {
                    var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.TextContent)));
                    Assert.Contains($"'sha256-{hash}'", csp);
                    Assert.DoesNotContain(payload, s.TextContent);
                    continue;
                }
                Assert.True(type is "module" or "application/ld+json" or "application/json", $"{where}: unexpected script {s.OuterHtml}");
                if (type == "module") Assert.StartsWith("/assets/", s.GetAttribute("src"));
                else Assert.DoesNotContain("<", s.TextContent.Replace("\\u003C", "").Replace("<\\/", ""));
            }
            foreach (var el in doc.All)
            {
                foreach (var attr in el.Attributes)
                {
                    Assert.False(attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: event handler {el.OuterHtml[..Math.Min(200, el.OuterHtml.Length)]}");
                    if (attr.Name is "href" or "src" or "data" or "action" or "xlink:href")
                        Assert.False(attr.Value.Replace(" ", "").StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"{where}: {attr.Name}={attr.Value}");
                }
                Assert.False(el.LocalName is "iframe" or "object" or "embed" or "svg" or "math" or "body" && el.ParentElement?.LocalName != "html" && el.LocalName != "body",
                    $"{where}: <{el.LocalName}> from content");
            }
            Assert.Contains("Content-Security-Policy", File.ReadAllText(file));
        }
    }

    [Fact]
    public void Raw_html_is_kept_when_the_site_allows_it()
    {
        using var site = new FixtureSite(FixtureSite.Config.Replace("  title: テストサイト", "  title: テストサイト\n  allow_raw_html: true") + "\n" +
            FixtureSite.Case("alpha", body: "<div class=\"note\">注記</div>\n") + "\n" + FixtureSite.Case("beta"));
        Assert.True(site.Build().Success);
        Assert.NotNull(site.Html("cases/alpha/index.html").QuerySelector(".case__body div.note"));
    }
}
