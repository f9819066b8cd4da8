using System.Formats.Cbor;
using Casebook.Core;
using Casebook.Core.Search;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Search;

/// <summary>The search index is part of the output, so it too must be the same for the same site.</summary>
public class PagefindStableOutputTests
{
    private static byte[] Filter(string name, params (string Value, int[] Pages)[] values)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(2);
        w.WriteTextString(name);
        w.WriteStartArray(values.Length);
        foreach (var (value, pages) in values)
        {
            w.WriteStartArray(2);
            w.WriteTextString(value);
            w.WriteStartArray(pages.Length);
            foreach (var p in pages) w.WriteUInt32((uint)p);
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    private static byte[] Meta(params (string Name, string Hash)[] filters)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(3);
        w.WriteTextString("1.5.2");
        w.WriteStartArray(filters.Length);
        foreach (var (name, hash) in filters) { w.WriteStartArray(2); w.WriteTextString(name); w.WriteTextString(hash); w.WriteEndArray(); }
        w.WriteEndArray();
        w.WriteStartArray(2); w.WriteTextString("en_page1"); w.WriteUInt32(300); w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    private static string WriteIndex(string root, byte[] meta, params (string Hash, byte[] Payload)[] filters)
    {
        var dir = Path.Combine(root, "pagefind");
        Directory.CreateDirectory(Path.Combine(dir, "filter"));
        foreach (var (hash, payload) in filters) File.WriteAllBytes(Path.Combine(dir, "filter", hash + ".pf_filter"), PagefindStableOutput.Pack(payload));
        File.WriteAllBytes(Path.Combine(dir, "pagefind.en_meta000001.pf_meta"), PagefindStableOutput.Pack(meta));
        File.WriteAllText(Path.Combine(dir, "pagefind-entry.json"), """{"version":"1.5.2","languages":{"en":{"hash":"en_meta000001","wasm":"en","page_count":2}}}""");
        return dir;
    }

    private static SortedDictionary<string, byte[]> Files(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public void Filter_values_and_the_filter_list_in_any_order_give_the_same_files()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-pf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var a = WriteIndex(Path.Combine(root, "a"),
                Meta(("柱", "en_aaaaaaa"), ("テーマ", "en_bbbbbbb")),
                ("en_aaaaaaa", Filter("柱", ("生活支援", [0, 1]), ("交流・居場所", [1]))),
                ("en_bbbbbbb", Filter("テーマ", ("タクシー", [0]), ("サロン", [1]), ("研修", [0, 1]))));
            var b = WriteIndex(Path.Combine(root, "b"),
                Meta(("テーマ", "en_ccccccc"), ("柱", "en_ddddddd")),
                ("en_ccccccc", Filter("テーマ", ("研修", [0, 1]), ("タクシー", [0]), ("サロン", [1]))),
                ("en_ddddddd", Filter("柱", ("交流・居場所", [1]), ("生活支援", [0, 1]))));
            Assert.NotEqual(Files(a).Keys, Files(b).Keys);

            Assert.True(PagefindStableOutput.Apply(a));
            Assert.True(PagefindStableOutput.Apply(b));
            var fa = Files(a);
            var fb = Files(b);
            Assert.Equal(fa.Keys, fb.Keys);
            foreach (var (k, v) in fa) Assert.True(v.SequenceEqual(fb[k]), $"{k} differs");

            // The entry names the metadata, the metadata names the filters, and nothing else changed.
            var entry = File.ReadAllText(Path.Combine(a, "pagefind-entry.json"));
            var metaName = Path.GetFileName(Directory.GetFiles(a, "*.pf_meta").Single());
            Assert.Contains($"\"{metaName["pagefind.".Length..^".pf_meta".Length]}\"", entry);
            var meta = new CborReader(PagefindStableOutput.Unpack(File.ReadAllBytes(Path.Combine(a, metaName)))!, CborConformanceMode.Lax);
            meta.ReadStartArray();
            Assert.Equal("1.5.2", meta.ReadTextString());
            Assert.Equal(2, meta.ReadStartArray());
            var listed = new List<(string, string)>();
            for (var i = 0; i < 2; i++) { meta.ReadStartArray(); listed.Add((meta.ReadTextString(), meta.ReadTextString())); meta.ReadEndArray(); }
            Assert.Equal(["テーマ", "柱"], listed.Select(x => x.Item1));
            foreach (var (_, hash) in listed) Assert.True(File.Exists(Path.Combine(a, "filter", hash + ".pf_filter")), hash);
            var pillar = PagefindStableOutput.Unpack(File.ReadAllBytes(Path.Combine(a, "filter", listed[1].Item2 + ".pf_filter")))!;
            Assert.Equal(Filter("柱", ("交流・居場所", [1]), ("生活支援", [0, 1])), pillar);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void Files_not_in_pagefinds_format_are_left_alone()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-pf-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var dir = WriteIndex(root, Meta(("柱", "en_aaaaaaa")), ("en_aaaaaaa", [0x01, 0x02]));
            var before = Files(dir);
            Assert.False(PagefindStableOutput.Apply(dir));
            Assert.Equal(before, Files(dir));
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    [Trait("Category", "Slow")] // runs Pagefind (Node) over the whole sample site twice
    public void Two_builds_of_the_sample_site_write_the_same_search_index()
    {
        var first = Path.Combine(Path.GetTempPath(), "casebook-pf-" + Guid.NewGuid().ToString("N")[..8]);
        var second = first + "-2";
        try
        {
            var a = Pipeline.Run(new BuildOptions(Repo.Root, first, Search: true, SearchTools: Casebook.Cli.HostEnvironment.SearchTools()));
            var b = Pipeline.Run(new BuildOptions(Repo.Root, second, Search: true, SearchTools: Casebook.Cli.HostEnvironment.SearchTools()));
            Assert.Equal(SearchIndexStatus.Indexed, a.Search?.Status);
            Assert.Equal(SearchIndexStatus.Indexed, b.Search?.Status);
            var fa = Files(Path.Combine(first, "pagefind"));
            var fb = Files(Path.Combine(second, "pagefind"));
            // Facets are not Pagefind filters: the search page filters and counts from casebook-facets.json.
            Assert.Contains(SearchFacetPages.FileName, fa.Keys);
            Assert.Contains(fa.Keys, k => k.Contains(SearchHead.Folder, StringComparison.Ordinal)); // the head index too
            Assert.True(fa.Keys.Count(k => k.EndsWith(".pf_fragment", StringComparison.Ordinal)) >= 29);
            Assert.Equal(fa.Keys, fb.Keys);
            foreach (var (k, v) in fa) Assert.True(v.Length > 0 && v.SequenceEqual(fb[k]), $"{k} differs or is empty");
        }
        finally
        {
            foreach (var d in new[] { first, second }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }
}
