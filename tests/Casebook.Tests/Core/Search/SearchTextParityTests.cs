using System.Diagnostics;
using System.Text.Json;
using Casebook.Core;
using Casebook.Core.Search;
using Casebook.Tests.Support;
using Casebook.Tests.Theme;

namespace Casebook.Tests.Core.Search;

/// <summary>The C# and JavaScript halves of search normalisation give the same tokens and the same folded queries,
/// without a browser: tests/js/search-text-parity.mjs runs theme/assets/js/search-text.js in Node on the same input.
/// Texts: every file of the sample content as written (casebook.yml, input/**/*.md and .yml), each case's fields,
/// and characters chosen to differ between .NET and JavaScript (spaces, surrogates, combining marks, controls…).
/// Queries: every spelling of the site's variant groups, both recall sets and every case title. Excerpts: the index text of
/// every text, with its repeated body words hidden from Pagefind (<see cref="SearchRepeats"/>), reads back in JavaScript as
/// the same text as without. The head index's words and buckets (<see cref="SearchHead"/>, search-head.js) of every token.</summary>
public class SearchTextParityTests
{
    /// <summary>Characters where .NET and JavaScript could disagree (what each calls white space, a letter, NFKC).</summary>
    public static readonly Dictionary<string, string> EdgeCases = new()
    {
        ["byte order mark (U+FEFF) inside text"] = "見守り\uFEFF活動 a\uFEFFb \uFEFF",
        ["next line (U+0085)"] = "地区\u0085社協 ICT\u0085Zoom",
        ["surrogate pairs"] = "𠮷野家の𩸽 😀 👍🏽 a𝐀b",
        ["half-width kana with voiced marks"] = "ｺｰﾃﾞｨﾈｰﾀｰ ｶﾞｲﾄﾞ ﾊﾟﾝﾌ ｰ ｧ",
        ["ideographic space"] = "地区\u3000社協\u3000\u3000ICT",
        ["other spaces and separators"] = "a\u00A0b\u2003c\u2028d\u2029e\u200Bf\u180Eg\u202Fh\u205Fi\u1680j\tk\u000Bl\u000Cm\rn",
        ["full-width letters, digits and brackets"] = "２層Ｃｏ（ＣＰ）と Zoom で「見守り」 １２３",
        ["circled numbers, roman numerals and squared words"] = "①③⑦ Ⅲ ⅻ ㈱ ㍻ ㌔",
        ["iteration marks and the prolonged sound mark"] = "々 ゝ ゞ ヽ ヾ ヶ ー 〆 〇 ・",
        ["combining marks"] = "cafe\u0301 か\u3099 カ\u309A e\u0301\u0301 \u0301",
        ["other scripts"] = "Ωμέγα Москва 한국어 ไทย عربي İstanbul ΣΑΣ ǅ",
        ["digits that are not ASCII"] = "٣ ३ ௩ ３",
        ["control characters"] = "a\u0000b\u0007c\u001Fd\u007Fe",
        ["kana iteration and doubled kanji"] = "こゝろ いすゞ ドヽ ハヾ 人々 様様 〇々",
        ["empty"] = "",
    };

    /// <summary>casebook.yml and every .md and .yml file under input/, by path.</summary>
    private static IEnumerable<(string Name, string Text)> SampleFiles()
    {
        yield return ("casebook.yml", File.ReadAllText(Path.Combine(Repo.Root, "casebook.yml")));
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Repo.Root, "input"), "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            yield return (Path.GetRelativePath(Repo.Root, f), File.ReadAllText(f));
    }

    [Fact]
    public async Task Tokens_and_folded_queries_are_identical_in_csharp_and_javascript()
    {
        var result = Pipeline.Check(new BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused")));
        var graph = result.Graph!;
        var variants = SearchVariantSources.For(graph.Content);
        var named = SampleFiles()
            .Concat(EdgeCases.Select(e => ("edge case: " + e.Key, e.Value)))
            .Concat(graph.Cases.SelectMany(c => new[] { c.Title, c.Subtitle, c.Organization, c.Summary, c.Markdown }
                .Select((t, i) => ($"{c.Id} field {i}", t))))
            .ToList();
        Assert.True(named.Count(n => n.Item1.StartsWith("input", StringComparison.Ordinal)) > 30, "the sample content was not found");
        var texts = named.Select(n => n.Item2).ToArray();
        var queries = variants.Groups.SelectMany(g => g.Shown)
            .Concat(VariantRecallSet.Queries.Select(q => q.Query)).Concat(RecallSet.Queries.Select(q => q.Query))
            .Concat(graph.Cases.Select(c => c.Title))
            .Concat(["お買物の支援", "ＣＰとCPU", "cpで", "人々の暮らし", "コーディネーター研修", "コーディネータ", "ルー", "こゝろ", "様々な取組み", "地区社会福祉協議会"])
            .ToArray();

        // Index text with its repeated body words hidden (SearchRepeats) reads back as the same text as without.
        var excerpts = texts.Select(t => SearchText.ForIndex(t, variants))
            .Select(index => new[] { SearchRepeats.Cap([new SearchPart(SearchPart.Body, index)])[0].Text, index }).ToArray();
        Assert.True(excerpts.Count(e => e[0] != e[1]) > 30, "hardly any repeated words were hidden");
        // The head index's words and buckets: every token of every index text and of every folded query.
        var headTokens = excerpts.SelectMany(e => e[0].Split(' ')).Concat(queries.SelectMany(q => SearchText.Query(q, variants).Terms.Split(' ')))
            .Concat(EdgeCases.Values.SelectMany(v => v.Split(' '))).Distinct(StringComparer.Ordinal).ToArray();
        int[] pageCounts = [0, 1, 8, 9, 29, 64, 65, 10283, 16384, 1_000_000];
        var input = JsonSerializer.Serialize(new { variants = JsonDocument.Parse(variants.ToJson()).RootElement, texts, queries, excerpts, headTokens, pageCounts });
        using var js = JsonDocument.Parse(await RunNodeAsync(input));
        static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();
        var jsTokens = js.RootElement.GetProperty("tokens").EnumerateArray().Select(Strings).ToList();
        var jsForQuery = Strings(js.RootElement.GetProperty("forQuery"));
        var jsFolds = js.RootElement.GetProperty("folds").EnumerateArray().ToList();
        var jsExcerpts = js.RootElement.GetProperty("excerpts").EnumerateArray().Select(Strings).ToList();
        var jsHead = js.RootElement.GetProperty("head").EnumerateArray().ToList();
        Assert.True(headTokens.Length > 1000, "hardly any tokens were compared");
        for (var i = 0; i < headTokens.Length; i++)
        {
            var word = SearchHead.Word(headTokens[i]);
            var expected = $"{Show(word)} {SearchHead.Bucket(word, 2048)} {SearchHead.Bucket(word, 4)}";
            var actual = $"{Show(jsHead[i][0].GetString()!)} {jsHead[i][1].GetInt32()} {jsHead[i][2].GetInt32()}";
            Assert.True(expected == actual, $"head word of «{Show(headTokens[i])}»: C# «{expected}» JS «{actual}»");
        }
        Assert.Equal(pageCounts.Select(SearchHead.Buckets), js.RootElement.GetProperty("bucketCounts").EnumerateArray().Select(e => e.GetInt32()));
        for (var i = 0; i < excerpts.Length; i++)
            Assert.True(jsExcerpts[i][0] == jsExcerpts[i][1], $"{named[i].Item1} read back with its repeats hidden: «{Show(jsExcerpts[i][0])}» against «{Show(jsExcerpts[i][1])}»");

        for (var i = 0; i < texts.Length; i++)
        {
            AssertSameTokens(named[i].Item1, SearchText.Tokens(texts[i]), jsTokens[i]);
            var cs = SearchText.ForQuery(texts[i]);
            Assert.True(cs == jsForQuery[i], $"forQuery of {named[i].Item1}: C# «{Show(cs)}» JS «{Show(jsForQuery[i])}»");
        }
        for (var i = 0; i < queries.Length; i++)
        {
            var cs = SearchText.Query(queries[i], variants);
            var terms = jsFolds[i].GetProperty("terms").GetString();
            Assert.True(cs.Terms == terms, $"{queries[i]}: C# «{cs.Terms}» JS «{terms}»");
            var forms = jsFolds[i].GetProperty("forms").EnumerateArray().Select(Strings).ToList();
            Assert.Equal(cs.Forms.Select(f => f.ToArray()).ToList(), forms);
        }
    }

    /// <summary>Names the first token that differs, with its neighbours, rather than a whole page's diff.</summary>
    private static void AssertSameTokens(string name, List<string> cs, string[] js)
    {
        var n = Math.Min(cs.Count, js.Length);
        var at = Enumerable.Range(0, n).FirstOrDefault(i => cs[i] != js[i], cs.Count == js.Length ? -1 : n);
        if (at < 0) return;
        string Around(IReadOnlyList<string> t) => Show(string.Join(" ", t.Skip(Math.Max(0, at - 3)).Take(6)));
        Assert.Fail($"{name}: token {at} differs — C# «{Around(cs)}», JS «{Around(js)}» (C# {cs.Count} tokens, JS {js.Length})");
    }

    /// <summary>Invisible characters as \uXXXX, so a message shows where two strings differ.</summary>
    private static string Show(string s) => string.Concat(s.Select(c =>
        char.IsLetterOrDigit(c) || char.IsPunctuation(c) || c == ' ' || char.IsSurrogate(c) ? c.ToString() : $"\\u{(int)c:x4}"));

    private static async Task<string> RunNodeAsync(string input)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(Repo.Root, "tests", "js", "search-text-parity.mjs")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(info)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await stderr);
        return await stdout;
    }
}
