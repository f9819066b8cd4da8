using System.Text.Json;
using Casebook.Core;
using Casebook.Tests.Support;

namespace Casebook.Tests.Theme;

/// <summary>The Nu HTML Checker (vnu.jar from tools/html-check, pinned by its package-lock.json; run by Debian's
/// Java, which scripts/ensure-deps.sh installs) over every page of the sample site.</summary>
[Trait("Category", "Slow")]
public class HtmlValidityTests
{
    private static string Jar => Path.Combine(Repo.Root, "tools", "html-check", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private sealed record Message(string Type, string Url, int LastLine, string Text);

    [Fact]
    public async Task Every_page_of_the_sample_site_is_valid_html()
    {
        Assert.True(File.Exists(Jar), $"{Jar} is missing: run scripts/test.sh (it runs npm ci in tools/html-check)");
        var output = Path.Combine(Path.GetTempPath(), "casebook-vnu-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var build = Pipeline.Run(new BuildOptions(Repo.Root, output));
            Assert.True(build.Success, string.Join("\n", build.Diagnostics));
            var pages = Directory.GetFiles(output, "*.html", SearchOption.AllDirectories).Length;
            Assert.True(pages > 100, $"only {pages} pages built");
            // A page with one known error among them shows that the checker ran over the folder and reports.
            File.WriteAllText(Path.Combine(output, "canary.html"),
                "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>x</title></head><body><p id=\"a\"></p><p id=\"a\"></p></body></html>\n");

            var messages = await CheckAsync(output);

            var canary = messages.Where(m => m.Url.EndsWith("/canary.html", StringComparison.Ordinal)).ToList();
            Assert.True(canary.Count == 1 && canary[0].Text.Contains("Duplicate ID", StringComparison.Ordinal),
                "the checker did not report the canary's duplicate id: " + string.Join("\n", canary));
            var errors = messages.Except(canary)
                .Select(m => $"{Path.GetRelativePath(output, new Uri(m.Url).LocalPath)}({m.LastLine}): {m.Type}: {m.Text}").ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} errors in {pages} pages:\n" + string.Join("\n", errors.Take(40)));
        }
        finally
        {
            try { Directory.Delete(output, true); } catch (IOException) { }
        }
    }

    private static async Task<List<Message>> CheckAsync(string folder)
    {
        var run = await CliRunner.ToolAsync("java", ["-jar", Jar, "--errors-only", "--format", "json", "--skip-non-html", folder],
            TimeSpan.FromMinutes(10));
        // vnu writes its JSON report to standard error and exits 1 when it found errors.
        using var json = JsonDocument.Parse(run.Stderr);
        return json.RootElement.GetProperty("messages").EnumerateArray().Select(m => new Message(
            m.GetProperty("type").GetString()!,
            m.TryGetProperty("url", out var url) ? url.GetString()! : "",
            m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
            m.GetProperty("message").GetString()!)).ToList();
    }
}
