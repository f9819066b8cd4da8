using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Search;

/// <summary>Variant folding on the index side (keys after each spelling) and the query side (keys instead).</summary>
public class SearchVariantsTests
{
    private static readonly SearchVariants Shipped = SearchVariants.From(SearchVariantSources.Default);

    private static HashSet<string> IndexTokens(string text, SearchVariants v) => SearchText.ForIndex(text, v).Split(' ').ToHashSet();

    /// <summary>Pagefind finds a page when every query term is a word of the page or the start of one.</summary>
    private static bool Finds(string query, string pageText, SearchVariants v)
    {
        var words = IndexTokens(pageText, v);
        return SearchText.ForQuery(query, v).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(term => words.Any(w => w.StartsWith(term, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("買物", "地域の買い物支援を始めた")]
    [InlineData("買い物", "買物バスを走らせた")]
    [InlineData("取組", "地区の取り組みを紹介する")]
    [InlineData("取り組み", "取組状況を調べた")]
    [InlineData("取組み", "新しい取組を始めた")]
    [InlineData("申込", "参加の申し込みを受けた")]
    [InlineData("子供", "子ども食堂を開いた")]
    [InlineData("こども", "子供の居場所をつくる")]
    [InlineData("障がい", "障害のある方の相談")]
    [InlineData("障碍", "障がい者の就労")]
    [InlineData("引きこもり", "ひきこもりの若者")]
    [InlineData("ゴミ", "ごみ出しの支援")]
    [InlineData("ひとり暮らし", "一人暮らしの高齢者")]
    [InlineData("コーディネータ", "生活支援コーディネーターが訪問した")]
    [InlineData("コーディネーター", "コーディネータとして働く")]
    [InlineData("コーディネーター研修", "コーディネータ研修に出た")]
    [InlineData("人人", "地域の人々とつながる")]
    [InlineData("様々", "様様な活動")]
    [InlineData("こころ", "こゝろの相談")]
    [InlineData("3か月", "3ヶ月ごとに集まる")]
    [InlineData("茅ケ崎", "茅ヶ崎市社協")]
    public void A_query_finds_a_page_that_spells_the_word_another_way(string query, string page) =>
        Assert.True(Finds(query, page, Shipped), $"{query} → {SearchText.ForQuery(query, Shipped)} | {SearchText.ForIndex(page, Shipped)}");

    [Theory]
    [InlineData("買物", "物を買うのが難しい")]
    [InlineData("子ども", "お供の者")]
    public void Unrelated_text_is_not_found(string query, string page) =>
        Assert.False(Finds(query, page, Shipped), $"{SearchText.ForQuery(query, Shipped)} | {SearchText.ForIndex(page, Shipped)}");

    [Fact]
    public void The_index_keeps_the_text_as_written_and_adds_the_key_after_the_run()
    {
        var key = Shipped.Groups.Single(g => g.Forms.Contains("買物")).Key;
        Assert.Equal($"お買 買い い物 {key} 。", SearchText.ForIndex("お買い物。", Shipped));
        Assert.Matches("^cbv[0-9]{4}$", key);
    }

    [Fact]
    public void Nested_spellings_all_get_their_key_so_a_shorter_query_still_finds_the_longer_word()
    {
        var v = SearchVariants.From([["社協", "社会福祉協議会"], ["地区社協", "地区社会福祉協議会"]]);
        Assert.Equal(["cbv0000", "cbv0001"], v.Groups.Select(g => g.Key));
        var words = IndexTokens("地区社会福祉協議会の会議", v);
        Assert.Contains("cbv0000", words);
        Assert.Contains("cbv0001", words);
        Assert.True(Finds("社協", "地区社協の会議", v));
        Assert.True(Finds("地区社協", "地区社会福祉協議会", v));
        Assert.False(Finds("地区社協", "市社協の会議", v));
        // The query takes the longest spelling.
        Assert.Equal("cbv0001", SearchText.ForQuery("地区社協", v));
    }

    [Fact]
    public void Groups_sharing_a_spelling_merge_in_order_of_first_appearance()
    {
        var v = SearchVariants.From([["独居", "一人暮らし"], ["一人暮らし", "ひとり暮らし"], ["ＣＰ", "地域ケアプラザ"], ["ただ一つ"]]);
        Assert.Equal(2, v.Groups.Count);
        Assert.Equal(["独居", "一人暮らし", "ひとり暮らし"], v.Groups[0].Forms);
        Assert.Equal(["cp", "地域ケアプラザ"], v.Groups[1].Forms);
        Assert.Equal(["CP", "地域ケアプラザ"], v.Groups[1].Shown);
        Assert.Equal(SearchText.ForQuery("独居", v), SearchText.ForQuery("ひとり暮らし", v));
    }

    [Fact]
    public void Latin_spellings_match_whole_words_in_any_case_and_width()
    {
        var v = SearchVariants.From([["CP", "地域ケアプラザ"]]);
        Assert.True(Finds("地域ケアプラザ", "ＣＰで会議", v));
        Assert.True(Finds("cp", "地域ケアプラザで会議", v));
        Assert.False(Finds("地域ケアプラザ", "CPU で会議", v));
        Assert.False(Finds("地域ケアプラザ", "XCP で会議", v));
    }

    [Fact]
    public void The_query_reports_the_spellings_searched()
    {
        var fold = SearchText.Query("買物と人々", Shipped);
        Assert.Contains(fold.Forms, f => f.SequenceEqual(["買い物", "買物"]));
        Assert.Contains(fold.Forms, f => f.SequenceEqual(["人々", "人人"]));
        Assert.Empty(SearchText.Query("見守り訪問", SearchVariants.Empty).Forms);
    }

    [Fact]
    public void Every_shipped_group_has_two_spellings_and_no_spelling_is_in_two_groups()
    {
        Assert.True(SearchVariantSources.Default.Count >= 30);
        Assert.All(SearchVariantSources.Default, g => Assert.True(g.Select(SearchVariants.NormalizeForm).Distinct().Count() >= 2, string.Join(",", g)));
        var forms = SearchVariantSources.Default.SelectMany(g => g.Select(SearchVariants.NormalizeForm).Distinct()).ToList();
        Assert.Equal(forms.Count, forms.Distinct().Count());
    }

    [Fact]
    public void Glossary_expansions_lose_their_trailing_note()
    {
        Assert.Equal("生活支援コーディネーター", SearchVariantSources.Head("生活支援コーディネーター（地域支え合い推進員）"));
        Assert.Equal("地域ケアプラザ", SearchVariantSources.Head("地域ケアプラザ"));
    }
}

/// <summary>casebook.yml's search section: glossary abbreviations and site synonyms join the groups; bad groups are
/// reported, all in one run.</summary>
public class SearchSettingsTests
{
    [Fact]
    public void Glossary_and_site_synonyms_become_variant_groups_of_the_site()
    {
        using var site = new FixtureSite(FixtureSite.Config + """

            search:
              synonyms:
                - [独居, 一人暮らし]
            -- input/glossary/general.yml --
            title: 用語集
            entries:
              - abbr: CP
                expansion: 地域ケアプラザ
              - abbr: SC
                expansion: 生活支援コーディネーター（地域支え合い推進員）
            """ + "\n" + FixtureSite.Case("alpha", body: "## 本文\nＣＰで独居の方を見守る。\n") + "\n" + FixtureSite.Case("beta"));
        var result = site.Check();
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var v = SearchVariantSources.For(result.Graph!.Content);
        Assert.Contains(v.Groups, g => g.Forms.SequenceEqual(["cp", "地域ケアプラザ"]));
        Assert.Contains(v.Groups, g => g.Forms.SequenceEqual(["sc", "生活支援コーディネーター"]));
        Assert.Contains(v.Groups, g => g.Forms.Contains("独居") && g.Forms.Contains("ひとり暮らし")); // merged with the shipped group
        Assert.Equal(SearchText.ForQuery("地域ケアプラザ", v), SearchText.ForQuery("CP", v));
    }

    [Fact]
    public void Bad_groups_are_reported_with_positions_and_a_suggestion()
    {
        using var site = new FixtureSite(FixtureSite.Config + """

            search:
              synonyms:
                - 独居, 一人暮らし
                - [独居]
                - [ＣＰ, CP]
                - ["・・", 見守り]
                - [と, 見守り]
              variants: 買物
              synonym: []
            """ + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var lines = FixtureSite.Lines(site.Check()).ToList();
        Assert.Contains(lines, l => l.Contains("casebook.yml(", StringComparison.Ordinal) && l.Contains("CB1701") && l.Contains("[独居, 一人暮らし] のように角かっこで囲んでください"));
        Assert.Contains(lines, l => l.Contains("CB1702") && l.Contains("「独居」"));
        Assert.Contains(lines, l => l.Contains("CB1702") && l.Contains("「ＣＰ」"));   // CP and ＣＰ are one spelling
        Assert.Contains(lines, l => l.Contains("CB1703") && l.Contains("「・・」"));
        Assert.Contains(lines, l => l.Contains("warning CB1704") && l.Contains("「と」"));
        Assert.Contains(lines, l => l.Contains("CB1102") && l.Contains("search.variants"));
        Assert.Contains(lines, l => l.Contains("CB1103") && l.Contains("synonym"));
        Assert.Equal(5, lines.Count(l => l.Contains(": error ", StringComparison.Ordinal)));
    }
}
