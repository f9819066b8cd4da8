using Casebook.Core.Diagnostics;
using Casebook.Core.Text;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Loading;

/// <summary>An organization, a region and a term each name the folder of their page; a name too long for a folder name
/// (255 bytes: 85 kanji) is CB1107 at the name, reported with the build's other diagnostics, not an I/O error part-way
/// through writing.</summary>
public class NameLengthTests
{
    private static readonly string Long = string.Concat(Enumerable.Repeat("地域包括支援センター", 10));   // 100 characters, 300 bytes

    private static string FileOf(string txtar) => txtar[(txtar.IndexOf('\n') + 1)..];

    /// <summary>The line and column (1-based) where <paramref name="text"/> first appears in the file.</summary>
    private static (int Line, int Column) Where(FixtureSite site, string relative, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(site.Root, relative));
        var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(line >= 0, $"{text} not in {relative}");
        return (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void Long_organization_region_tag_and_term_names_are_CB1107_at_each_name_with_the_other_problems()
    {
        var config = FixtureSite.Config.Replace("      - { id: mimamori-tsunagari, label: 見守り・つながり }",
            "      - { id: mimamori-tsunagari, label: 見守り・つながり }\n      - { label: " + Long + "柱 }");
        using var site = new FixtureSite(config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta").Replace("elements: [1, 2]", "elements: [1, 9]"));
        site.Write("input/cases/org.md", FileOf(FixtureSite.Case("org").Replace("organization: テスト市社会福祉協議会", "organization: " + Long + "組織")));
        site.Write("input/cases/city.md", FileOf(FixtureSite.Case("city").Replace("city: 横浜市", "city: " + Long + "市")));
        site.Write("input/cases/tag.md", FileOf(FixtureSite.Case("tag").Replace("tags: [タクシー]", "tags: [タクシー, " + Long + "タグ]")));
        site.Write("input/cases/pillar.md", FileOf(FixtureSite.Case("pillar").Replace("pillars: [生活支援]", "pillars: [生活支援, " + Long + "柱]")));

        var r = site.Build();

        Assert.False(r.Success);
        var errors = r.Diagnostics.Where(d => d.Code == DiagnosticCodes.NameTooLong).ToList();
        Assert.Equal(4, errors.Count);
        void At(string path, string text, string what, string shown)
        {
            var (line, column) = Where(site, path, text);
            var error = Assert.Single(errors, e => e.Span.Path == path);
            Assert.Equal(new SourceSpan(path, line, column), error.Span);
            Assert.Equal(Severity.Error, error.Severity);
            Assert.StartsWith($"{path}({line},{column}): error CB1107: {what}「{shown[..20]}…」が長すぎます（", error.ToString());
            Assert.Contains("255 バイト", error.Message);
        }
        At("input/cases/org.md", Long + "組織", "組織名", Long);
        At("input/cases/city.md", Long + "市", "地域（都道府県・圏域・市区町村）", "神奈川県 " + Long);   // the region's name, as its page shows it
        At("input/cases/tag.md", Long + "タグ", "テーマ（tags）の語", Long);
        At("casebook.yml", Long + "柱", "3つの柱（pillars）の語", Long);
        Assert.Contains("（102 文字、フォルダー名にして 306 バイト）", errors.Single(e => e.Span.Path == "input/cases/org.md").Message);
        // The long term is still a term: the case naming it is not reported again.
        Assert.DoesNotContain(r.Diagnostics, d => d.Severity == Severity.Error && d.Span.Path == "input/cases/pillar.md");
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.UnknownTerm && d.Span.Path == "input/cases/beta.md");
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void A_name_of_255_bytes_builds_and_one_more_kanji_does_not()
    {
        var longest = new string('組', FolderName.MaxBytes / 3);
        using (var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("organization: テスト市社会福祉協議会", "organization: " + longest).Replace("tags: [タクシー]", $"tags: [{longest}]")))
        {
            var r = site.Build();
            Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
            Assert.True(site.OutputExists($"organizations/{longest}/index.html"));
            Assert.True(site.OutputExists($"tags/{longest}/index.html"));
        }
        using (var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("organization: テスト市社会福祉協議会", "organization: " + longest + "組")))
        {
            var r = site.Build();
            Assert.False(r.Success);
            Assert.Equal("input/cases/beta.md", Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.NameTooLong).Span.Path);
        }
    }

    /// <summary>The region's folder is its prefecture, area and city together: three names short enough alone can make
    /// one too long; the error points at the longest of them.</summary>
    [Fact]
    public void A_region_is_too_long_as_prefecture_area_and_city_together_at_its_longest_part()
    {
        var (prefecture, area, city) = (new string('県', 30), new string('圏', 28), new string('市', 31));
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("region: { prefecture: 神奈川県, city: 横浜市, ward: 中区 }",
                $"region:\n  prefecture: {prefecture}\n  area: {area}\n  city: {city}\n  ward: 中区"));
        var r = site.Build();
        var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.NameTooLong);
        var (line, column) = Where(site, "input/cases/beta.md", city);
        Assert.Equal(new SourceSpan("input/cases/beta.md", line, column), error.Span);
        Assert.Contains("（91 文字、フォルダー名にして 269 バイト）", error.Message);

        // Without the area the folder name fits (61 kanji and a hyphen): the ward is not part of it.
        using var shorter = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("region: { prefecture: 神奈川県, city: 横浜市, ward: 中区 }",
                $"region:\n  prefecture: {prefecture}\n  city: {city}\n  ward: {new string('区', 40)}"));
        var built = shorter.Build();
        Assert.True(built.Success, string.Join("\n", FixtureSite.Lines(built)));
        Assert.True(shorter.OutputExists($"regions/{prefecture}-{city}/index.html"));
    }

    /// <summary>A tag declared in casebook.yml with a short id has its page under that id: a case may write its long label.</summary>
    [Fact]
    public void A_long_tag_label_declared_with_a_short_id_builds_under_the_id()
    {
        var config = FixtureSite.Config.Replace("    label: テーマ\n    closed: false", $"    label: テーマ\n    closed: false\n    terms:\n      - {{ id: long-tag, label: {Long} }}");
        Assert.Contains("long-tag", config);
        using var site = new FixtureSite(config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta").Replace("tags: [タクシー]", $"tags: [{Long}]"));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        Assert.True(site.OutputExists("tags/long-tag/index.html"));
    }

    /// <summary>NFKC can make a short name long: ㍿ is 株式会社.</summary>
    [Fact]
    public void A_name_short_as_written_but_long_as_a_folder_is_CB1107()
    {
        var name = new string('㍿', 22);   // 22 characters, 88 kanji once normalised
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha")
            + "\n" + FixtureSite.Case("beta").Replace("organization: テスト市社会福祉協議会", "organization: " + name));
        var r = site.Build();
        var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.NameTooLong);
        Assert.Contains($"組織名「{name[..20]}…」が長すぎます（22 文字、フォルダー名にして 264 バイト）", error.Message);
    }
}
