using Casebook.Core;
using Casebook.Core.Diagnostics;

namespace Casebook.Tests.Support;

/// <summary>A site written inline, Hugo style:
/// <code>-- casebook.yml --
/// site: …
/// -- input/cases/a.md --
/// ---
/// title: …</code>
/// Files are written to a fresh temporary folder; the repository theme is used unless the fixture has one.</summary>
public sealed class FixtureSite : IDisposable
{
    public string Root { get; }
    public string Output => Path.Combine(Root, "_site");

    public FixtureSite(string txtar)
    {
        Root = Path.Combine(Path.GetTempPath(), "casebook-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        string? current = null;
        var buffer = new List<string>();
        void Flush()
        {
            if (current is null) return;
            var path = Path.Combine(Root, current);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\n", buffer).TrimEnd('\n') + "\n");
        }
        foreach (var line in txtar.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("-- ", StringComparison.Ordinal) && line.EndsWith(" --", StringComparison.Ordinal) && line.Length > 6)
            {
                Flush();
                current = line[3..^3].Trim();
                buffer.Clear();
            }
            else if (current is not null) buffer.Add(line);
        }
        Flush();
    }

    /// <summary>Copies the shipped theme to <c>theme/</c> in the site, for a test that changes one of its files;
    /// returns that folder.</summary>
    public string CopyShippedTheme()
    {
        var theme = Path.Combine(Root, "theme");
        foreach (var f in Directory.EnumerateFiles(Repo.Theme, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(theme, Path.GetRelativePath(Repo.Theme, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return theme;
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public BuildResult Build(string? baseUrl = null, bool drafts = false) =>
        Pipeline.Run(new BuildOptions(Root, Output, baseUrl, drafts, ThemeDir: Repo.Theme));

    public BuildResult Check() =>
        Pipeline.Check(new BuildOptions(Root, Output, ThemeDir: Repo.Theme));

    public string ReadOutput(string relative) => File.ReadAllText(Path.Combine(Output, relative));
    public bool OutputExists(string relative) => File.Exists(Path.Combine(Output, relative));

    public AngleSharp.Dom.IDocument Html(string relative) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(ReadOutput(relative));

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }

    /// <summary>A minimal valid configuration that fixtures can prepend.</summary>
    public const string Config = """
        -- casebook.yml --
        site:
          title: テストサイト
        taxonomies:
          elements:
            label: 7つの要素
            closed: true
            numbered: true
            terms:
              - { number: 1, label: 担当業務を超えた課題をつなぐ、場・人・しかけ }
              - { number: 2, label: 記録と共有 }
              - { number: 3, label: 相談の力量 }
              - { number: 4, label: ケースの積み上げ }
              - { number: 5, label: 地域の資源、担い手づくり }
              - { number: 6, label: 地域の規模に応じた圏域の設定と、圏域ごとのしくみ }
              - { number: 7, label: 強みを生かした「中軸」の設定 }
          pillars:
            label: 3つの柱
            closed: true
            terms:
              - { id: koryu-ibasho, label: 交流・居場所 }
              - { id: seikatsu-shien, label: 生活支援 }
              - { id: mimamori-tsunagari, label: 見守り・つながり }
          tags:
            label: テーマ
            closed: false
        volumes:
          - id: vol-a
            title: テスト事例集
            publisher: テスト市社協
            fiscal_year: 2022
            number: 6
            cases: [alpha, beta]
        """;

    public static string Case(string id, string extra = "", string body = "## きっかけ\n本文です。\n", string volume = "vol-a") => $"""
        -- input/cases/{id}.md --
        ---
        title: 事例 {id}
        organization: テスト市社会福祉協議会
        authors: [山田 花子]
        region: {"{"} prefecture: 神奈川県, city: 横浜市, ward: 中区 {"}"}
        volume: {volume}
        fiscal_year: 2022
        elements: [1, 2]
        pillars: [生活支援]
        tags: [タクシー]
        {extra}
        ---
        {body}
        """;

    public static IEnumerable<string> Lines(BuildResult r) => r.Diagnostics.Select(d => d.ToString());
}

public static class Repo
{
    public static string Root { get; } = FindRoot();
    public static string Theme => Path.Combine(Root, "theme");

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Casebook.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Casebook.sln not found above the test binaries");
    }
}
