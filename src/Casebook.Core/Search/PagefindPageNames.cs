using System.Formats.Cbor;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Casebook.Core.Search;

/// <summary>
/// Gives Pagefind's pages short names. Pagefind names each page's fragment after a hash of its contents
/// (<c>en_4289651</c>), and its metadata, which every query loads first, lists those names: 10,000 random hashes were
/// 55 KB of the 106 KB metadata (gzipped) at 10,000 cases, and the search page's facet keys (<see cref="SearchFacetPages"/>),
/// which list the same ids, another 20–40 KB. This renames page N's fragment to the language, a build token and N in
/// hexadecimal of one width (<c>en_3fa2_00a1</c>): numbers in order compress to almost nothing. The build token (from a hash
/// of the metadata, so of every page's contents) changes whenever any page does, so a browser never takes a fragment
/// cached from an earlier build for a page of this one; the price is that every fragment is renamed on every change of
/// content. Pagefind numbers pages in the order the records were added (<see cref="SearchRecords.For"/>: newest fiscal
/// year first), so the names sort that way too; search.js relies on it when only facets are chosen. The page lengths
/// are rounded (<see cref="LengthStep"/>) so they compress.
/// </summary>
public static class PagefindPageNames
{
    /// <summary>Page lengths (Pagefind's word counts, used by its BM25 ranking) are rounded to this many words: they were
    /// 19 KB of the metadata as they were, 9 KB rounded; a page of ~1,000 words moves by at most 0.8 %.</summary>
    public const ulong LengthStep = 16;

    /// <summary>Renames the fragments of every metadata file in <paramref name="indexDir"/> (run after
    /// <see cref="PagefindStableOutput.Apply"/>); false, changing nothing, when the files are not laid out as Pagefind
    /// 1.6 writes them (pages in fragment groups, a fragment missing).</summary>
    public static bool Apply(string indexDir)
    {
        var entryPath = Path.Combine(indexDir, "pagefind-entry.json");
        var fragmentDir = Path.Combine(indexDir, "fragment");
        if (!File.Exists(entryPath) || !Directory.Exists(fragmentDir)) return false;
        var plans = new List<(string MetaPath, string OldHash, string NewHash, byte[] Payload, List<(string Old, string New)> Renames)>();
        foreach (var file in Directory.GetFiles(indexDir, "pagefind.*.pf_meta").Order(StringComparer.Ordinal))
        {
            var oldHash = Path.GetFileName(file)["pagefind.".Length..^".pf_meta".Length];
            var cut = oldHash.LastIndexOf('_');
            var payload = PagefindStableOutput.Unpack(File.ReadAllBytes(file));
            if (payload is null || cut <= 0) return false;
            var lang = oldHash[..(cut + 1)];
            var token = Convert.ToHexStringLower(SHA256.HashData(payload))[..4];
            var renames = new List<(string Old, string New)>();
            var rewritten = RenamePages(payload, (i, count) =>
            {
                var width = Math.Max(1, (count - 1).ToString("x", CultureInfo.InvariantCulture).Length);
                return lang + token + "_" + i.ToString("x" + width, CultureInfo.InvariantCulture);
            }, renames);
            if (rewritten is null) return false;
            if (renames.Any(r => !File.Exists(Path.Combine(fragmentDir, r.Old + ".pf_fragment")))) return false;
            plans.Add((file, oldHash, lang + Convert.ToHexStringLower(SHA256.HashData(rewritten))[..10], rewritten, renames));
        }

        var entry = File.ReadAllText(entryPath);
        foreach (var (metaPath, oldHash, newHash, payload, renames) in plans)
        {
            // Two pages with the same contents share one fragment in Pagefind's output: each gets its own copy.
            var uses = renames.GroupBy(r => r.Old, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var (oldName, newName) in renames)
            {
                var from = Path.Combine(fragmentDir, oldName + ".pf_fragment");
                var to = Path.Combine(fragmentDir, newName + ".pf_fragment");
                if (--uses[oldName] > 0) File.Copy(from, to, overwrite: true);
                else File.Move(from, to, overwrite: true);
            }
            File.Delete(metaPath);
            File.WriteAllBytes(Path.Combine(indexDir, "pagefind." + newHash + ".pf_meta"), PagefindStableOutput.Pack(payload));
            entry = entry.Replace("\"" + oldHash + "\"", "\"" + newHash + "\"", StringComparison.Ordinal);
        }
        File.WriteAllText(entryPath, entry, new UTF8Encoding(false));
        return true;
    }

    /// <summary>The metadata <c>[version, [[hash, word count, group], …], …]</c> with page i's hash replaced by
    /// <paramref name="name"/>(i, count) and its word count rounded to <see cref="LengthStep"/>; each (old, new) pair is added to <paramref name="renames"/>. Null when the
    /// shape is not that, or a page is in a fragment group (a file shared by several pages).</summary>
    public static byte[]? RenamePages(byte[] payload, Func<int, int, string> name, List<(string Old, string New)> renames)
    {
        try
        {
            var r = new CborReader(payload, CborConformanceMode.Lax);
            var w = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
            var fields = r.ReadStartArray();
            if (fields is null or < 2) return null;
            w.WriteStartArray(fields);
            w.WriteEncodedValue(r.ReadEncodedValue().Span); // version
            var count = r.ReadStartArray();
            if (count is null) return null;
            w.WriteStartArray(count);
            for (var i = 0; i < count; i++)
            {
                var items = r.ReadStartArray();
                if (items is null or < 2) return null;
                var old = r.ReadTextString();
                var fresh = name(i, count.Value);
                renames.Add((old, fresh));
                w.WriteStartArray(items);
                w.WriteTextString(fresh);
                for (var k = 1; k < items; k++)
                {
                    if (k == 1 && r.PeekState() == CborReaderState.UnsignedInteger)
                    {
                        var words = r.ReadUInt64();
                        w.WriteUInt64(Math.Max(1, (words + LengthStep / 2) / LengthStep * LengthStep));
                    }
                    else if (k == 2 && r.PeekState() == CborReaderState.TextString)
                    {
                        var group = r.ReadTextString();
                        if (group.Length > 0) return null;
                        w.WriteTextString(group);
                    }
                    else w.WriteEncodedValue(r.ReadEncodedValue().Span);
                }
                r.ReadEndArray();
                w.WriteEndArray();
            }
            r.ReadEndArray();
            w.WriteEndArray();
            for (var f = 2; f < fields; f++) w.WriteEncodedValue(r.ReadEncodedValue().Span);
            r.ReadEndArray();
            w.WriteEndArray();
            return r.BytesRemaining == 0 ? w.Encode() : null;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException) { return null; }
    }
}
