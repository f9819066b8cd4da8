using System.Diagnostics;
using System.Text.Json;
using Casebook.Core;
using Casebook.Core.Search;
using Casebook.Tests.Support;
using Casebook.Tests.Theme;

namespace Casebook.Tests.Core.Search;

/// <summary>The C# and JavaScript halves of search normalisation give the same tokens and the same folded queries,
/// over the sample content and the site's own variant groups, without a browser: tests/js/search-text-parity.mjs
/// runs theme/assets/js/search-text.js in Node on the same input.</summary>
[Trait("Category", "Cli")]
public class SearchTextParityTests
{

    [Fact]
    public async Task Tokens_and_folded_queries_are_identical_in_csharp_and_javascript()
    {
        var result = Pipeline.Check(new BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused")));
        var graph = result.Graph!;
        var variants = SearchVariantSources.For(graph.Content);
        var texts = graph.Cases.SelectMany(c => new[] { c.Title, c.Subtitle, c.Organization, c.Summary, c.Markdown })
            .Concat(["２層Ｃｏ（ＣＰ）と Zoom で「見守り」", "ｺｰﾃﾞｨﾈｰﾀｰ・ICT活用 2022年", "𠮷野家 々 ゝ ヶ", "こゝろ いすゞ ドヽ ハヾ", "人々 様様 〇々"])
            .ToArray();
        var queries = variants.Groups.SelectMany(g => g.Shown)
            .Concat(VariantRecallSet.Queries.Select(q => q.Query)).Concat(RecallSet.Queries.Select(q => q.Query))
            .Concat(graph.Cases.Select(c => c.Title))
            .Concat(["お買物の支援", "ＣＰとCPU", "cpで", "人々の暮らし", "コーディネーター研修", "コーディネータ", "ルー", "こゝろ", "様々な取組み", "地区社会福祉協議会"])
            .ToArray();

        var input = JsonSerializer.Serialize(new { variants = JsonDocument.Parse(variants.ToJson()).RootElement, texts, queries });
        using var js = JsonDocument.Parse(await RunNodeAsync(input));
        static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();
        var jsTokens = js.RootElement.GetProperty("tokens").EnumerateArray().Select(Strings).ToList();
        var jsFolds = js.RootElement.GetProperty("folds").EnumerateArray().ToList();

        for (var i = 0; i < texts.Length; i++) Assert.Equal(SearchText.Tokens(texts[i]), jsTokens[i]);
        for (var i = 0; i < queries.Length; i++)
        {
            var cs = SearchText.Query(queries[i], variants);
            var terms = jsFolds[i].GetProperty("terms").GetString();
            Assert.True(cs.Terms == terms, $"{queries[i]}: C# «{cs.Terms}» JS «{terms}»");
            var forms = jsFolds[i].GetProperty("forms").EnumerateArray().Select(Strings).ToList();
            Assert.Equal(cs.Forms.Select(f => f.ToArray()).ToList(), forms);
        }
    }

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
