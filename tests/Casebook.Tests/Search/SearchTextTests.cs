using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Search;

public class SearchTextTests
{
    [Fact]
    public void Kanji_and_kana_runs_become_overlapping_pairs_and_the_last_character()
    {
        Assert.Equal(["地区", "区社", "社協", "協"], SearchText.Tokens("地区社協"));
        Assert.Equal(["見守", "守り", "り"], SearchText.Tokens("見守り"));
        Assert.Equal(["層"], SearchText.Tokens("層"));
    }

    [Fact]
    public void Letters_and_digits_stay_whole_and_punctuation_is_kept_only_for_the_index()
    {
        Assert.Equal(["Zoom", "で"], SearchText.Tokens("Zoomで"));
        Assert.Equal(["「", "居場", "場所", "所", "」"], SearchText.Tokens("「居場所」"));
        Assert.Equal("居場 場所 所", SearchText.ForQuery("「居場所」"));
    }

    [Theory]
    [InlineData("２層Ｃｏ", "2層Co")]
    [InlineData("ＣＰ", "CP")]
    [InlineData("（ｺｰﾃﾞｨﾈｰﾀｰ）", "(コーディネーター)")]
    [InlineData("ＩＣＴ活用", "ICT活用")]
    public void Full_width_and_half_width_give_the_same_tokens(string wide, string narrow)
    {
        Assert.Equal(SearchText.Tokens(narrow), SearchText.Tokens(wide));
        Assert.Equal(SearchText.ForQuery(narrow), SearchText.ForQuery(wide));
    }

    [Fact]
    public void Any_substring_of_a_run_is_a_sequence_of_its_tokens()
    {
        var text = SearchText.Tokens("生活支援体制整備事業");
        var query = SearchText.ForQuery("体制整備").Split(' ');
        Assert.All(query.Where(q => q.Length == 2), q => Assert.Contains(q, text));
        // The last single character is a prefix of a token, which Pagefind matches.
        Assert.Contains(text, t => t.StartsWith(query[^1], StringComparison.Ordinal));
    }

    [Fact]
    public void Index_text_strips_tags_and_decodes_entities()
    {
        Assert.Equal("事例 例 A & B", SearchText.ForIndex("<p>事例</p><p>A &amp; B</p>"));
    }
}

public class PagefindIndexerTests
{
    [Fact]
    public void Without_npm_the_step_is_skipped_with_one_plain_message()
    {
        using var site = new FixtureSite("-- tools/search/package-lock.json --\n{}\n-- tools/search/package.json --\n{}\n");
        Directory.CreateDirectory(site.Output);
        var r = PagefindIndexer.Run(site.Output, site.Root, searchPath: Path.Combine(site.Root, "no-node-here"));
        Assert.Equal(SearchIndexStatus.Skipped, r.Status);
        Assert.Contains("Node.js", r.Message);
        Assert.Contains("npm", r.Message);
        Assert.False(Directory.Exists(Path.Combine(site.Output, "pagefind")));
    }

    [Fact]
    public void The_tools_folder_above_the_site_is_found()
    {
        using var site = new FixtureSite("-- tools/search/package-lock.json --\n{}\n-- site/casebook.yml --\nsite: {title: x}\n");
        Assert.Equal(Path.Combine(site.Root, "tools", "search"), PagefindIndexer.FindToolsDir(Path.Combine(site.Root, "site")));
    }

    [Fact]
    public void Only_content_pages_are_indexed_and_case_pages_carry_filters_and_meta()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + """
            -- input/cases/alpha.md --
            ---
            title: ２層Ｃｏと考える移動支援
            organization: 甲市社会福祉協議会
            volume: vol-a
            fiscal_year: 2022
            elements: [2]
            tags: [タクシー]
            ---
            ## 本文
            ＣＰ と連携しました。
            """ + "\n" + FixtureSite.Case("beta"));
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var bodies = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("data-pagefind-body", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(site.Output, f).Replace('\\', '/')).ToList();
        Assert.Equal(["cases/alpha/index.html", "cases/beta/index.html"], bodies.Order(StringComparer.Ordinal));

        var doc = site.Html("cases/alpha/index.html");
        var body = doc.QuerySelector("[data-pagefind-body]")!;
        Assert.True(body.HasAttribute("hidden"));
        var text = body.QuerySelector(":scope > p")!.TextContent;
        Assert.Contains("2 層 Co", text);          // normalised: the index never sees ２層Ｃｏ
        Assert.Contains("CP", text);
        Assert.DoesNotContain("Ｃ", text);
        Assert.Equal("２層Ｃｏと考える移動支援", body.QuerySelector("[data-pagefind-meta=title]")!.TextContent);
        Assert.Equal("令和4年度", body.QuerySelector("[data-pagefind-meta=fiscal_year]")!.TextContent);
        var filters = body.QuerySelectorAll("[data-pagefind-filter]").Select(e => e.GetAttribute("data-pagefind-filter") + "=" + e.TextContent).ToList();
        Assert.Contains("年度=令和4年度", filters);
        Assert.Contains("テーマ=タクシー", filters);
        Assert.Contains(filters, f => f.StartsWith("要素=②", StringComparison.Ordinal));
        // Filters and meta sit in data-pagefind-ignore so their text is not indexed twice.
        Assert.NotNull(body.QuerySelector("[data-pagefind-ignore] [data-pagefind-filter]"));
        Assert.Empty(doc.QuerySelectorAll("[data-pagefind-body] [data-pagefind-body]"));
    }

    [Theory]
    [InlineData("地区社協のＣＰ（２層Ｃｏ）と 見守り。café e\u0301t\u00E9 123 ABC！？…")]
    [InlineData("𠮷野家と𩸽、😀 emoji 😀😀 、。・ー カタカナー ひらがな")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData("字")]
    [InlineData("「」『』【】 ・・・ -- __ x_y 1.5 〇々〆")]
    public void Index_text_is_the_tokens_joined_by_spaces(string text) =>
        Assert.Equal(string.Join(' ', SearchText.Tokens(text)), SearchText.ForIndex(text));
}
