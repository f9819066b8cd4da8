using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Search;

public class SearchTextTests
{
    [Fact]
    public void Kanji_and_kana_runs_become_overlapping_pairs_and_a_lone_character_itself()
    {
        Assert.Equal(["地区", "区社", "社協"], SearchText.Tokens("地区社協"));
        Assert.Equal(["見守", "守り"], SearchText.Tokens("見守り"));
        Assert.Equal(["層"], SearchText.Tokens("層"));
        Assert.Equal(["1", "層", "Co"], SearchText.Tokens("1層Co"));
        // The index has the same tokens as the text (no run's last character alone, 8 % of the words at 10,000 cases).
        Assert.Equal("地区 区社 社協 。 市社 社協", SearchText.ForIndex("地区社協。市社協"));
    }

    [Fact]
    public void Letters_and_digits_stay_whole_and_punctuation_is_kept_only_for_the_index()
    {
        Assert.Equal(["Zoom", "で"], SearchText.Tokens("Zoomで"));
        Assert.Equal(["「", "居場", "場所", "」"], SearchText.Tokens("「居場所」"));
        Assert.Equal("居場 場所", SearchText.ForQuery("「居場所」"));
        // A one-character query keeps its character: it is the only token it has.
        Assert.Equal("所", SearchText.ForQuery("所"));
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
        // A one-character query is a prefix of the pairs it starts, which Pagefind matches.
        Assert.Equal("制", SearchText.ForQuery("制"));
        Assert.Contains(text, t => t.StartsWith("制", StringComparison.Ordinal));
    }

    [Fact]
    public void Index_text_strips_tags_and_decodes_entities()
    {
        Assert.Equal("事例 A & B", SearchText.ForIndex("<p>事例</p><p>A &amp; B</p>"));
    }
}

public class PagefindIndexerTests
{
    [Fact]
    public void Without_npm_the_step_is_skipped_with_one_plain_message()
    {
        using var site = new FixtureSite("-- tools/search/package-lock.json --\n{}\n-- tools/search/package.json --\n{}\n");
        Directory.CreateDirectory(site.Output);
        var r = PagefindIndexer.Run([], Path.Combine(site.Output, "pagefind"), site.Root, new SearchTools(Path.Combine(site.Root, "no-node-here")));
        Assert.Equal(SearchIndexStatus.Skipped, r.Status);
        Assert.Contains("Node.js", r.Message);
        Assert.Contains("npm", r.Message);
        Assert.False(Directory.Exists(Path.Combine(site.Output, "pagefind")));
    }

    [Fact]
    public void The_tools_folder_above_the_site_is_found()
    {
        using var site = new FixtureSite("-- tools/search/package-lock.json --\n{}\n-- site/casebook.yml --\nsite: {title: x}\n");
        Assert.Equal(Path.Combine(site.Root, "tools", "search"), PagefindIndexer.FindToolsDir(Path.Combine(site.Root, "site"), SearchTools.None));
    }

    [Fact]
    public void Records_come_newest_fiscal_year_first_then_in_url_order_so_page_numbers_sort_by_year()
    {
        // Pagefind numbers pages in the order they are added; the search page lists facet-only results in that order.
        // alpha comes first by URL, beta by fiscal year.
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha").Replace("fiscal_year: 2022", "fiscal_year: 2019")
            + "\n" + FixtureSite.Case("beta"));
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, new Casebook.Core.Diagnostics.DiagnosticBag())!;
        var renderer = new Casebook.Core.Rendering.SiteRenderer(result.Graph!, theme, new Casebook.Core.Diagnostics.DiagnosticBag());
        var records = SearchRecords.For(result.Graph!, renderer.ViewModels, theme).ToList();
        Assert.Equal(["/cases/beta/", "/cases/alpha/"], records.Select(r => r.Url));
        Assert.DoesNotContain("\"sort\"", SearchRecords.ToJsonLine(records[0]));
    }

    [Fact]
    public void Only_content_pages_become_search_records_with_filters_and_meta()
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
        var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, new Casebook.Core.Diagnostics.DiagnosticBag())!;
        var renderer = new Casebook.Core.Rendering.SiteRenderer(result.Graph!, theme, new Casebook.Core.Diagnostics.DiagnosticBag());
        var records = SearchRecords.For(result.Graph!, renderer.ViewModels, theme).ToList();
        Assert.Equal(["/cases/alpha/", "/cases/beta/"], records.Select(r => r.Url));

        var alpha = records[0];
        Assert.Contains("2 層 Co", alpha.Content);          // normalised: the index never sees ２層Ｃｏ
        Assert.Contains("CP", alpha.Content);
        Assert.DoesNotContain("Ｃ", alpha.Content);
        Assert.Equal("２層Ｃｏと考える移動支援", alpha.Meta["title"]);
        Assert.Equal("事例", alpha.Meta["kind"]);
        Assert.Equal("令和4年度", alpha.Meta["fiscal_year"]);
        var filters = alpha.Filters.SelectMany(f => f.Value.Select(v => f.Key + "=" + v)).ToList();
        Assert.Contains("年度=令和4年度", filters);
        Assert.Contains("テーマ=タクシー", filters);
        Assert.Contains(filters, f => f.StartsWith("要素=②", StringComparison.Ordinal));
        // The organization and the tags are searchable text, once: their facet values are not indexed a second time.
        Assert.Single(alpha.Content.Split(SearchText.ForIndex("甲市社会福祉協議会")).Skip(1));
        Assert.Single(alpha.Content.Split(SearchText.ForIndex("タクシー")).Skip(1));
        Assert.Contains(SearchText.ForIndex("令和4年度"), alpha.Content);   // other facet values are

        // The pages carry no hidden copy of their text for the index.
        Assert.DoesNotContain(Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains("data-pagefind-", StringComparison.Ordinal));
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

    [Theory]
    [InlineData("地区 区社 社協 協", "地区 区社 社協 協.")]     // a block's text ends in a full stop, as Pagefind's HTML reader adds
    [InlineData("見守り 。", "見守り 。")]
    [InlineData("  CP  と 連携 ", "CP と 連携.")]
    public void Record_text_is_what_pagefind_takes_from_a_paragraph(string text, string digest) =>
        Assert.Equal(digest, SearchRecords.Digest(text));
}
