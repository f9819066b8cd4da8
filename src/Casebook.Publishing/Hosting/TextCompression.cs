using System.Collections.Concurrent;
using System.IO.Compression;

namespace Casebook.Publishing.Hosting;

/// <summary>
/// The compression a text file is sent with, as a web host sends it: Brotli when the client accepts it (chromium does,
/// on loopback too), else gzip, else none. Brotli at its best setting takes 10–130 ms for a 10–100 KB file, so each
/// file's compressed body is kept, keyed by its validator (an edit makes a new one), and made once. Brotli moves 8–25 %
/// fewer bytes than gzip for the search page, its scripts and the facet files (13 % of the 87 KB of them a desktop's
/// first query moves; Brotli 5 would save 5 %).
/// </summary>
public sealed class TextCompression
{
    /// <summary>Above this size a file is compressed faster (Brotli 5: 3–5 % more bytes than 11) and not kept: Brotli 11
    /// takes ≈ 1 ms a KB, and PDF printing serves each volume's print page (≈ 230 KB at 10,000 cases) once. The search
    /// page's files are all below it (the largest, pagefind.js, 47 KB).</summary>
    private const int KeepUpTo = 128 * 1024;

    private readonly ConcurrentDictionary<(string File, string Encoding), (string Tag, byte[] Body)> _kept = new();

    /// <summary>The encoding and body to send for <paramref name="file"/> (<paramref name="bytes"/>, whose validator is
    /// <paramref name="version"/>) to a client sending <paramref name="acceptEncoding"/>: the <see cref="Choose"/>n one,
    /// or gzip when the client takes both equally and gzip is the smaller (a few files of digits compress better so).</summary>
    public (string? Encoding, byte[] Body) Encode(string file, string version, byte[] bytes, string acceptEncoding)
    {
        var encoding = Choose(acceptEncoding);
        if (encoding is null) return (null, bytes);
        var body = Compress(file, version, bytes, encoding);
        if (encoding == "br" && Weight(acceptEncoding, "gzip") is var gzipWeight && gzipWeight > 0 && gzipWeight >= Weight(acceptEncoding, "br"))
        {
            var gzip = Compress(file, version, bytes, "gzip");
            if (gzip.Length < body.Length) return ("gzip", gzip);
        }
        return (encoding, body);
    }

    /// <summary>"br", "gzip" or null (none), from an Accept-Encoding header: the one the client accepts with the higher
    /// weight, Brotli on a tie; <c>q=0</c> refuses one, <c>*</c> stands for any not named.</summary>
    public static string? Choose(string acceptEncoding)
    {
        var (br, gzip) = (Weight(acceptEncoding, "br"), Weight(acceptEncoding, "gzip"));
        if (br > 0 && br >= gzip) return "br";
        return gzip > 0 ? "gzip" : null;
    }

    private static double Weight(string acceptEncoding, string coding)
    {
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = part.Split(';', StringSplitOptions.TrimEntries);
            var q = 1.0;
            foreach (var field in fields.Skip(1))
                if (field.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(field.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w))
                    q = w;
            weights[fields[0]] = q;
        }
        return weights.TryGetValue(coding, out var weight) ? weight : weights.GetValueOrDefault("*", 0);
    }

    /// <summary>The body of <paramref name="file"/> (<paramref name="bytes"/>, validator <paramref name="tag"/>) in <paramref name="encoding"/>, kept.</summary>
    private byte[] Compress(string file, string tag, byte[] bytes, string encoding)
    {
        if (bytes.Length > KeepUpTo) return Encoded(bytes, encoding, best: false);
        var key = (file, encoding);
        if (_kept.TryGetValue(key, out var kept) && kept.Tag == tag) return kept.Body;
        var body = Encoded(bytes, encoding, best: true);
        _kept[key] = (tag, body);
        return body;
    }

    private static byte[] Encoded(byte[] bytes, string encoding, bool best)
    {
        using var ms = new MemoryStream();
        if (encoding == "br")
        {
            using var encoder = new BrotliEncoder(best ? 11 : 5, 22);
            var output = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
            encoder.Compress(bytes, output, out _, out var written, isFinalBlock: true);
            return output[..written];
        }
        using (var gz = new GZipStream(ms, best ? CompressionLevel.SmallestSize : CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }
}
