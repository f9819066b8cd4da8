using System.Text;
using System.Text.Json;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli;

/// <summary><c>casebook tags import</c> run as an editor runs it on readers' マイタグ exports.</summary>
[Trait("Category", "Cli")]
public class TagImportCommandTests
{
    // beta: a block list with comments, CRLF and a BOM, which --apply must keep byte for byte.
    private static FixtureSite Site()
    {
        var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta")
            .Replace("tags: [タクシー]", "tags:\n  - タクシー  # 元のコメント\n  # 項目の間のコメント\n  - 見守り活動"));
        var beta = Path.Combine(site.Root, "input/cases/beta.md");
        File.WriteAllText(beta, "\uFEFF" + File.ReadAllText(beta).Replace("\n", "\r\n"), new UTF8Encoding(false));
        return site;
    }

    private static string Export(string site, params (string Reader, string Name, string Case, string[] Tags, string Note)[] entries)
    {
        var readers = entries.Select(e => new { id = e.Reader, name = e.Name }).DistinctBy(r => r.id).ToArray();
        var cases = entries.GroupBy(e => e.Case).Select(g => new
        {
            id = g.Key, title = "",
            tags = g.SelectMany(e => e.Tags.Select(t => (t, e.Reader))).GroupBy(x => x.t)
                .Select(x => new { tag = x.Key, readers = x.Select(y => y.Reader).ToArray() }).ToArray(),
            notes = g.Where(e => e.Note.Length > 0).Select(e => new { reader = e.Reader, text = e.Note }).ToArray(),
        }).ToArray();
        return JsonSerializer.Serialize(new { format = "casebook-mytags", version = 1, site = new { title = site, url = "/" }, exported = "2026-11-30", readers, cases },
            new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });
    }

    private static Dictionary<string, byte[]> Snapshot(FixtureSite site) =>
        Directory.EnumerateFiles(Path.Combine(site.Root, "input"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);

    private static void AssertUnchanged(FixtureSite site, Dictionary<string, byte[]> before)
    {
        var now = Snapshot(site);
        Assert.Equal(before.Keys.Order(), now.Keys.Order());   // no temporary or backup file left either
        foreach (var (path, bytes) in before) Assert.Equal(bytes, now[path]);
    }

    private static void WriteExports(FixtureSite site)
    {
        site.Write("sato.json", Export("テストサイト",
            ("r-sato", "佐藤", "alpha", ["研修", "ﾀｸｼｰ"], "次の研修で使う"),
            ("r-sato", "佐藤", "beta", ["研修", "見守り活躍"], "")));
        site.Write("team.json", Export("テストサイト",
            ("r-suzuki", "鈴木", "alpha", ["研修", "ICT"], ""),
            ("r-tanaka", "田中", "alpha", ["ict"], ""),
            ("r-sato", "佐藤", "alpha", ["研修"], "")));   // 佐藤 again (a team file holding their tags): counted once
    }

    [Fact]
    public async Task Dry_run_lists_each_cases_suggestions_and_changes_nothing()
    {
        using var site = Site();
        WriteExports(site);
        var before = Snapshot(site);
        var r = await CliRunner.InAsync(site.Root, "tags", "import", "sato.json", "team.json");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("3 人分", r.Stdout);
        var alpha = Section(r.Stdout, "alpha");
        Assert.Contains("加える: ICT（2 人）、研修（2 人）", alpha);     // ICT and ict: one suggestion, counted with both readers
        Assert.Contains("すでにある: タクシー（1 人）", alpha);           // ﾀｸｼｰ is タクシー after NFKC
        Assert.Contains("メモ（佐藤）: 次の研修で使う", alpha);
        var beta = Section(r.Stdout, "beta");
        Assert.Contains("加える: 研修（1 人）", beta);
        Assert.Contains("表記ゆれの候補（加えません）: 見守り活躍（1 人）→ 既存のテーマ「見守り活動」", beta);
        Assert.Contains("casebook tag beta --add tags/見守り活動", beta);
        Assert.Contains("2 件の事例に 3 個のテーマを加えます", r.Stdout);
        AssertUnchanged(site, before);
    }

    private static string Section(string output, string caseId)
    {
        var start = output.IndexOf($"\n{caseId}「", StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        var end = output.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return output[start..(end < 0 ? output.Length : end)];
    }

    [Fact]
    public async Task Apply_writes_only_the_tags_lines()
    {
        using var site = Site();
        WriteExports(site);
        var alphaPath = Path.Combine(site.Root, "input/cases/alpha.md");
        var betaPath = Path.Combine(site.Root, "input/cases/beta.md");
        var alphaBefore = File.ReadAllText(alphaPath);
        var betaBefore = File.ReadAllBytes(betaPath);
        var r = await CliRunner.InAsync(site.Root, "tags", "import", "sato.json", "team.json", "--apply");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("2 件の事例にテーマを加えました", r.Stdout);

        Assert.Equal(alphaBefore.Replace("tags: [タクシー]\n", "tags: [タクシー, ICT, 研修]\n"), File.ReadAllText(alphaPath));
        var betaText = Encoding.UTF8.GetString(betaBefore);
        var expected = betaText.Replace("  - 見守り活動\r\n", "  - 見守り活動\r\n  - 研修\r\n");
        Assert.NotEqual(betaText, expected);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(betaPath));   // BOM, CRLF and comments kept

        var again = await CliRunner.InAsync(site.Root, "tags", "import", "sato.json", "team.json");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("すでにある: ICT（2 人）、研修（2 人）、タクシー（1 人）", Section(again.Stdout, "alpha"));
        Assert.Contains("加えるテーマはありません", again.Stdout);
        Assert.Equal(0, (await CliRunner.InAsync(site.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task Bad_files_give_positioned_errors_and_change_nothing()
    {
        using var site = Site();
        WriteExports(site);
        site.Write("text.json", "事例ID,題名\nalpha,x\n");
        site.Write("v2.json", "{\n  \"format\": \"casebook-mytags\",\n  \"version\": 2,\n  \"readers\": [],\n  \"cases\": []\n}\n");
        site.Write("other.json", "{ \"format\": \"something-else\" }");
        site.Write("unknown.json", Export("テストサイト", ("r-a", "", "alpah", ["研修"], "")));
        site.Write("shape.json", """
            {
              "format": "casebook-mytags", "version": 1,
              "readers": [ { "id": "r-a" } ],
              "cases": [ { "id": "alpha", "tags": [ { "tag": "研修", "readers": ["r-zzz"] }, { "tag": "", "readers": ["r-a"] } ] } ]
            }
            """);
        var before = Snapshot(site);
        foreach (var apply in new[] { false, true })
        {
            string[] args = ["tags", "import", "sato.json", "text.json", "v2.json", "other.json", "unknown.json", "shape.json", .. apply ? new[] { "--apply" } : []];
            var r = await CliRunner.InAsync(site.Root, args);
            Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
            Assert.Contains("text.json(1,1): error CB1801: JSON として読めません", r.Stdout);
            Assert.Contains("v2.json(3,14): error CB1802: この casebook が読める形式は version 1 です（このファイルは 2）", r.Stdout);
            Assert.Contains("other.json(1,13): error CB1802: マイタグの書き出しファイルではありません", r.Stdout);
            Assert.Matches(@"unknown\.json\(\d+,\d+\): error CB1804: 事例「alpah」はこのサイトにありません。（もしかして「alpha」？）", r.Stdout);
            Assert.Contains("shape.json(4,68): error CB1803: 事例「alpha」のタグ「研修」の読み手「r-zzz」が \"readers\" にありません。", r.Stdout);
            Assert.Contains("shape.json(4,80): error CB1803: 事例「alpha」のタグが正しくありません", r.Stdout);
            Assert.Contains(apply ? "どのファイルも書き換えませんでした" : "直してから --apply", r.Stdout);
            Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);   // no stack trace
            AssertUnchanged(site, before);
        }
        var missing = await CliRunner.InAsync(site.Root, "tags", "import", "nowhere.json", "--apply");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere.json: error CB1008: ファイルがありません。", missing.Stdout);
        Assert.Equal(2, (await CliRunner.InAsync(site.Root, "tags", "import")).ExitCode);   // no file named
        AssertUnchanged(site, before);
    }
}
