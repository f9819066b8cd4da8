using System.Formats.Cbor;
using System.Text;
using Casebook.Core.Search;

namespace Casebook.Tests.Core.Search;

public class PagefindPageNamesTests
{
    /// <summary>Pagefind 1.6's metadata: version, pages [hash, word count, fragment group], chunks, filters, sorts, meta fields.</summary>
    private static byte[] Meta(params (string Hash, string Group)[] pages)
    {
        var w = new CborWriter(CborConformanceMode.Lax);
        w.WriteStartArray(6);
        w.WriteTextString("1.6.0");
        w.WriteStartArray(pages.Length);
        foreach (var (hash, group) in pages) { w.WriteStartArray(3); w.WriteTextString(hash); w.WriteUInt32(1209); w.WriteTextString(group); w.WriteEndArray(); }
        w.WriteEndArray();
        w.WriteStartArray(1); w.WriteStartArray(3); w.WriteTextString("a"); w.WriteTextString("z"); w.WriteTextString("en_chunk01"); w.WriteEndArray(); w.WriteEndArray();
        w.WriteStartArray(0); w.WriteEndArray();
        w.WriteStartArray(0); w.WriteEndArray();
        w.WriteStartArray(1); w.WriteTextString("title"); w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    private static string WriteIndex(string root, byte[] meta, params string[] fragments)
    {
        var dir = Path.Combine(root, "pagefind");
        Directory.CreateDirectory(Path.Combine(dir, "fragment"));
        foreach (var f in fragments) File.WriteAllText(Path.Combine(dir, "fragment", f + ".pf_fragment"), "content of " + f);
        File.WriteAllBytes(Path.Combine(dir, "pagefind.en_meta000001.pf_meta"), PagefindStableOutput.Pack(meta));
        File.WriteAllText(Path.Combine(dir, "pagefind-entry.json"), """{"version":"1.6.0","languages":{"en":{"hash":"en_meta000001","wasm":"en","page_count":3}}}""");
        return dir;
    }

    private static List<string> PageNames(string dir) => Pages(dir).Select(p => p.Name).ToList();

    private static List<(string Name, ulong Words)> Pages(string dir)
    {
        var meta = Directory.GetFiles(dir, "pagefind.*.pf_meta").Single();
        var r = new CborReader(PagefindStableOutput.Unpack(File.ReadAllBytes(meta))!, CborConformanceMode.Lax);
        r.ReadStartArray(); r.ReadTextString();
        var pages = new List<(string, ulong)>();
        var n = r.ReadStartArray();
        for (var i = 0; i < n; i++) { r.ReadStartArray(); pages.Add((r.ReadTextString(), r.ReadUInt64())); r.SkipValue(); r.ReadEndArray(); }
        return pages;
    }

    [Fact]
    public void Fragments_are_renamed_after_their_page_numbers_lengths_rounded_and_the_metadata_and_entry_follow()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-pn-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Pages 1 and 2 had the same contents, so Pagefind wrote one fragment for both.
            var dir = WriteIndex(root, Meta(("en_9f3c2a1", ""), ("en_0b7d4e2", ""), ("en_0b7d4e2", "")), "en_9f3c2a1", "en_0b7d4e2");
            Assert.True(PagefindPageNames.Apply(dir));
            var names = PageNames(dir);
            Assert.Equal(3, names.Count);
            Assert.Matches("^en_[0-9a-f]{4}_0$", names[0]);
            var token = names[0][..^1];
            Assert.Equal([token + "0", token + "1", token + "2"], names);
            // Page lengths rounded to 16 words, so they compress: 1209 → 1216.
            Assert.All(Pages(dir), p => Assert.Equal(1216UL, p.Words));
            Assert.Equal("content of en_9f3c2a1", File.ReadAllText(Path.Combine(dir, "fragment", names[0] + ".pf_fragment")));
            Assert.Equal("content of en_0b7d4e2", File.ReadAllText(Path.Combine(dir, "fragment", names[1] + ".pf_fragment")));
            Assert.Equal("content of en_0b7d4e2", File.ReadAllText(Path.Combine(dir, "fragment", names[2] + ".pf_fragment")));
            Assert.Equal(3, Directory.GetFiles(Path.Combine(dir, "fragment")).Length);
            var meta = Path.GetFileName(Directory.GetFiles(dir, "pagefind.*.pf_meta").Single());
            Assert.NotEqual("pagefind.en_meta000001.pf_meta", meta);
            Assert.Contains("\"" + meta["pagefind.".Length..^".pf_meta".Length] + "\"", File.ReadAllText(Path.Combine(dir, "pagefind-entry.json")));

            // Another build with one page changed: every name changes (a browser never reuses an earlier build's fragment).
            var other = WriteIndex(Path.Combine(root, "b"), Meta(("en_9f3c2a1", ""), ("en_0b7d4e2", ""), ("en_1111111", "")), "en_9f3c2a1", "en_0b7d4e2", "en_1111111");
            Assert.True(PagefindPageNames.Apply(other));
            Assert.NotEqual(token, PageNames(other)[0][..^1]);
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }

    [Fact]
    public void Pages_in_fragment_groups_or_a_missing_fragment_leave_the_index_as_it_was()
    {
        var root = Path.Combine(Path.GetTempPath(), "casebook-pn-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var grouped = WriteIndex(Path.Combine(root, "a"), Meta(("en_9f3c2a1", "en_group01")), "en_9f3c2a1");
            Assert.False(PagefindPageNames.Apply(grouped));
            Assert.True(File.Exists(Path.Combine(grouped, "fragment", "en_9f3c2a1.pf_fragment")));
            var missing = WriteIndex(Path.Combine(root, "b"), Meta(("en_9f3c2a1", ""), ("en_2222222", "")), "en_9f3c2a1");
            Assert.False(PagefindPageNames.Apply(missing));
            Assert.True(File.Exists(Path.Combine(missing, "pagefind.en_meta000001.pf_meta")));
            Assert.True(File.Exists(Path.Combine(missing, "fragment", "en_9f3c2a1.pf_fragment")));
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }
}
