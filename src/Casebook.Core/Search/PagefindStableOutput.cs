using System.Formats.Cbor;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Casebook.Core.Search;

/// <summary>
/// Makes Pagefind's output the same for the same site. Pagefind 1.5 and 1.6 write the values of each filter
/// (<c>filter/*.pf_filter</c>) in hash-map order, which changes from run to run; the file names are
/// hashes of the contents, so the metadata file that names them and <c>pagefind-entry.json</c> that
/// names the metadata change too. This rewrites each filter with its values in ordinal order, names it
/// after its new contents, and rewrites the metadata and entry file to match. Everything else Pagefind
/// writes (word index, fragments) is already stable and is left alone.
/// </summary>
public static class PagefindStableOutput
{
    private static readonly byte[] Signature = "pagefind_dcd"u8.ToArray();

    /// <summary>Rewrites the index in <paramref name="indexDir"/>; returns false (changing nothing) when
    /// the files are not laid out as Pagefind 1.5–1.6 writes them.</summary>
    public static bool Apply(string indexDir)
    {
        var entryPath = Path.Combine(indexDir, "pagefind-entry.json");
        var filterDir = Path.Combine(indexDir, "filter");
        if (!File.Exists(entryPath)) return false;
        var metas = Directory.GetFiles(indexDir, "pagefind.*.pf_meta");
        var filters = Directory.Exists(filterDir) ? Directory.GetFiles(filterDir, "*.pf_filter") : [];

        // Read and check everything before writing anything.
        var newFilters = new List<(string OldPath, string OldHash, string NewHash, byte[] Payload)>();
        foreach (var file in filters.Order(StringComparer.Ordinal))
        {
            var oldHash = Path.GetFileNameWithoutExtension(file);
            var payload = Unpack(File.ReadAllBytes(file));
            if (payload is null || LanguagePrefix(oldHash) is not { } lang) return false;
            var sorted = SortFilterValues(payload);
            if (sorted is null) return false;
            newFilters.Add((file, oldHash, lang + Hex(sorted, 7), sorted));
        }
        var renames = newFilters.ToDictionary(f => f.OldHash, f => f.NewHash, StringComparer.Ordinal);
        var newMetas = new List<(string OldPath, string OldHash, string NewHash, byte[] Payload)>();
        foreach (var file in metas.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var oldHash = name["pagefind.".Length..^".pf_meta".Length];
            var payload = Unpack(File.ReadAllBytes(file));
            if (payload is null || LanguagePrefix(oldHash) is not { } lang) return false;
            var rewritten = Rewrite(payload, s => renames.GetValueOrDefault(s, s));
            if (rewritten is null) return false;
            newMetas.Add((file, oldHash, lang + Hex(rewritten, 10), rewritten));
        }

        foreach (var (oldPath, _, newHash, payload) in newFilters)
        {
            File.Delete(oldPath);
            File.WriteAllBytes(Path.Combine(filterDir, newHash + ".pf_filter"), Pack(payload));
        }
        var entry = File.ReadAllText(entryPath);
        foreach (var (oldPath, oldHash, newHash, payload) in newMetas)
        {
            File.Delete(oldPath);
            File.WriteAllBytes(Path.Combine(indexDir, "pagefind." + newHash + ".pf_meta"), Pack(payload));
            entry = entry.Replace("\"" + oldHash + "\"", "\"" + newHash + "\"", StringComparison.Ordinal);
        }
        File.WriteAllText(entryPath, entry, new UTF8Encoding(false));
        return true;
    }

    /// <summary>"en_367eaf2" → "en_".</summary>
    private static string? LanguagePrefix(string hash)
    {
        var cut = hash.LastIndexOf('_');
        return cut > 0 ? hash[..(cut + 1)] : null;
    }

    private static string Hex(byte[] payload, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(payload))[..length];

    /// <summary>The CBOR after the signature, or null when this is not a Pagefind data file.</summary>
    public static byte[]? Unpack(byte[] file)
    {
        try
        {
            using var gz = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            var data = ms.ToArray();
            return data.AsSpan().StartsWith(Signature) ? data[Signature.Length..] : null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>Gzip at its smallest: every query loads the metadata this writes (Optimal left it 10 % larger).</summary>
    public static byte[] Pack(byte[] payload)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(Signature);
            gz.Write(payload);
        }
        return ms.ToArray();
    }

    /// <summary>A filter file is <c>[name, [[value, [page, …]], …]]</c>; the values come back sorted
    /// by their UTF-8 bytes. Null when the shape is not that.</summary>
    public static byte[]? SortFilterValues(byte[] payload)
    {
        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Lax);
            var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
            if (reader.ReadStartArray() != 2) return null;
            writer.WriteStartArray(2);
            writer.WriteTextString(reader.ReadTextString());
            var count = reader.ReadStartArray();
            if (count is null) return null;
            var values = new List<(byte[] Key, byte[] Encoded)>();
            for (var i = 0; i < count; i++)
            {
                var encoded = reader.ReadEncodedValue().ToArray();
                var item = new CborReader(encoded, CborConformanceMode.Lax);
                item.ReadStartArray();
                values.Add((Encoding.UTF8.GetBytes(item.ReadTextString()), encoded));
            }
            reader.ReadEndArray();
            reader.ReadEndArray();
            if (reader.BytesRemaining != 0) return null;
            values.Sort((a, b) => Utf8Order.Instance.Compare(a.Key, b.Key));
            writer.WriteStartArray(values.Count);
            foreach (var (_, encoded) in values) writer.WriteEncodedValue(encoded);
            writer.WriteEndArray();
            writer.WriteEndArray();
            return writer.Encode();
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException) { return null; }
    }

    /// <summary>The same CBOR with every text string passed through <paramref name="map"/>; null when it
    /// holds something this copy does not reproduce exactly.</summary>
    public static byte[]? Rewrite(byte[] payload, Func<string, string> map)
    {
        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Lax);
            var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
            Copy(reader, writer, map);
            return reader.BytesRemaining == 0 ? writer.Encode() : null;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or NotSupportedException) { return null; }
    }

    /// <summary>The first string of a value that is a pair of text strings, else null.</summary>
    private static byte[]? NameOfPair(byte[] encoded)
    {
        var r = new CborReader(encoded, CborConformanceMode.Lax);
        if (r.PeekState() != CborReaderState.StartArray || r.ReadStartArray() != 2) return null;
        if (r.PeekState() != CborReaderState.TextString) return null;
        var name = Encoding.UTF8.GetBytes(r.ReadTextString());
        return r.PeekState() == CborReaderState.TextString ? name : null;
    }

    private sealed class Utf8Order : IComparer<byte[]>
    {
        public static readonly Utf8Order Instance = new();
        public int Compare(byte[]? a, byte[]? b) => a.AsSpan().SequenceCompareTo(b);
    }

    private static void Copy(CborReader r, CborWriter w, Func<string, string> map)
    {
        switch (r.PeekState())
        {
            case CborReaderState.UnsignedInteger: w.WriteUInt64(r.ReadUInt64()); break;
            case CborReaderState.NegativeInteger: w.WriteCborNegativeIntegerRepresentation(r.ReadCborNegativeIntegerRepresentation()); break;
            case CborReaderState.ByteString: w.WriteByteString(r.ReadByteString()); break;
            case CborReaderState.TextString: w.WriteTextString(map(r.ReadTextString())); break;
            case CborReaderState.Boolean: w.WriteBoolean(r.ReadBoolean()); break;
            case CborReaderState.Null: r.ReadNull(); w.WriteNull(); break;
            case CborReaderState.StartArray:
                var n = r.ReadStartArray() ?? throw new NotSupportedException("indefinite-length array");
                var items = new List<byte[]>(n);
                for (var i = 0; i < n; i++)
                {
                    var item = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
                    Copy(r, item, map);
                    items.Add(item.Encode());
                }
                r.ReadEndArray();
                // The metadata lists filters as [name, file] pairs in hash-map order: put them in name order.
                var names = items.Select(NameOfPair).ToList();
                if (n > 1 && names.All(x => x is not null))
                    items = items.Zip(names).OrderBy(x => x.Second!, Utf8Order.Instance).Select(x => x.First).ToList();
                w.WriteStartArray(n);
                foreach (var item in items) w.WriteEncodedValue(item);
                w.WriteEndArray();
                break;
            case CborReaderState.StartMap:
                var m = r.ReadStartMap() ?? throw new NotSupportedException("indefinite-length map");
                w.WriteStartMap(m);
                for (var i = 0; i < 2 * m; i++) Copy(r, w, map);
                r.ReadEndMap(); w.WriteEndMap();
                break;
            default:
                // Floats, tags and other simple values: copied as they were encoded.
                w.WriteEncodedValue(r.ReadEncodedValue().Span);
                break;
        }
    }
}
