using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Casebook.Core.Graph;
using Casebook.Core.Model;

namespace Casebook.Core.Output;

/// <summary>Small files the reader's browser fetches for マイタグ (docs/mytags.md): the site's tags as input
/// suggestions, and case titles split into shards so /my/ loads only the shards holding the cases a reader tagged
/// (a single id→title file would grow with the site: about 1.5 MB at 10,000 cases).</summary>
public static class ReaderData
{
    public const string TagsFile = SiteFiles.ReaderTags;
    public const string TitlesFolder = SiteFiles.TitlesFolder;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static int ShardCount(int cases) => SiteFiles.TitleShardCount(cases);

    /// <summary>FNV-1a (32 bit) over the id's UTF-16 code units; mytags-core.js computes the same.</summary>
    public static int ShardOf(string caseId, int shards)
    {
        var h = 2166136261u;
        foreach (var ch in caseId) { h ^= ch; h *= 16777619u; }
        return (int)(h % (uint)shards);
    }

    /// <summary>The theme tags, most used first (then by name), as the input's suggestions.</summary>
    public static OutputFile Tags(SiteGraph g)
    {
        var tags = g.TaxonomyTerms[TaxonomyIds.Tags]
            .Select(t => (t.Label, Count: g.TermCases.TryGetValue(t, out var l) ? l.Count : 0))
            .Where(t => t.Count > 0)
            .OrderByDescending(t => t.Count).ThenBy(t => t.Label, StringComparer.Ordinal)
            .Select(t => t.Label).ToArray();
        return OutputFile.Text(TagsFile, JsonSerializer.Serialize(tags, Compact) + "\n");
    }

    /// <summary>Shard <paramref name="n"/> of <see cref="ShardCount"/> as <see cref="TitleShards"/> writes it (the site map lists each shard).</summary>
    public static OutputFile TitleShard(SiteGraph g, int n)
    {
        var cases = ShardsOf(g).GetValueOrDefault(n) ?? [];
        return OutputFile.Text($"{TitlesFolder}{n}.json", JsonSerializer.Serialize(
            new SortedDictionary<string, string[]>(cases.ToDictionary(c => c.Id, c => new[] { c.Title, g.Links.Case(c.Id).Url }), StringComparer.Ordinal),
            Compact) + "\n");
    }

    /// <summary>The cases of each shard, in site order, worked out once per graph: the build makes every shard, and
    /// each would otherwise hash every case's id again.</summary>
    private static Dictionary<int, List<CaseStudy>> ShardsOf(SiteGraph g) =>
        Shards.GetValue(g, graph => new Lazy<Dictionary<int, List<CaseStudy>>>(() =>
        {
            var count = ShardCount(graph.Cases.Count);
            return graph.Cases.GroupBy(c => ShardOf(c.Id, count)).ToDictionary(s => s.Key, s => s.ToList());
        })).Value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SiteGraph, Lazy<Dictionary<int, List<CaseStudy>>>> Shards = new();

    /// <summary>One file per shard: <c>{"case-id": ["title", "url"], …}</c>, ids in ordinal order.</summary>
    public static IEnumerable<Func<OutputFile>> TitleShards(SiteGraph g)
    {
        var count = ShardCount(g.Cases.Count);
        var shards = g.Cases.GroupBy(c => ShardOf(c.Id, count)).ToDictionary(s => s.Key, s => s.ToList());
        for (var i = 0; i < count; i++)
        {
            var cases = shards.GetValueOrDefault(i) ?? [];
            var n = i;
            yield return () => OutputFile.Text($"{TitlesFolder}{n}.json", JsonSerializer.Serialize(
                new SortedDictionary<string, string[]>(cases.ToDictionary(c => c.Id, c => new[] { c.Title, g.Links.Case(c.Id).Url }), StringComparer.Ordinal),
                Compact) + "\n");
        }
    }
}
