using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Casebook.Publishing.Pdf;

/// <summary>The PDF's document information (title, author, subject, keywords, creator) and its language,
/// written as an incremental update: Chromium's bytes stay as they are (outline, tags, fonts untouched) and a new
/// Info dictionary, a catalog carrying /Lang, and a small cross-reference section are appended. Nothing in it
/// depends on the clock or chance, so the same PDF in gives the same PDF out.</summary>
public sealed partial record PdfDocumentInfo(string Title, string Author, string Subject, string Keywords, string Creator, string Language)
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Appends the update to <paramref name="pdfFile"/>. Producer and dates are carried over from the
    /// Info dictionary the file already has (after <see cref="ReproduciblePdf.Apply"/>).</summary>
    public void WriteTo(string pdfFile)
    {
        var bytes = File.ReadAllBytes(pdfFile);
        var text = Latin1.GetString(bytes);
        var startxref = StartXref().Matches(text).LastOrDefault()
            ?? throw new InvalidDataException("startxref がありません。");
        var xrefAt = int.Parse(startxref.Groups[1].Value, CultureInfo.InvariantCulture);
        var (offsets, trailer) = ReadXref(text, xrefAt);
        var size = int.Parse(Required(SizeKey(), trailer, "/Size").Groups[1].Value, CultureInfo.InvariantCulture);
        var root = Required(RootKey(), trailer, "/Root");
        var rootNumber = int.Parse(root.Groups[1].Value, CultureInfo.InvariantCulture);
        var rootGeneration = int.Parse(root.Groups[2].Value, CultureInfo.InvariantCulture);
        var catalog = Dictionary(ObjectText(text, offsets, rootNumber));
        var oldInfo = InfoKey().Match(trailer) is { Success: true } info
            ? Dictionary(ObjectText(text, offsets, int.Parse(info.Groups[1].Value, CultureInfo.InvariantCulture))) : "";

        var update = new StringBuilder("\n");
        var catalogAt = bytes.Length + update.Length;
        // Chromium sets /Lang from <html lang>; the catalog is only rewritten when it says something else.
        var newCatalog = WithLanguage(catalog);
        var rewriteCatalog = !HasLanguage(catalog);
        if (rewriteCatalog) update.Append(CultureInfo.InvariantCulture, $"{rootNumber} {rootGeneration} obj\n{newCatalog}\nendobj\n");
        var infoNumber = size;
        var infoAt = bytes.Length + Latin1.GetByteCount(update.ToString());
        update.Append(CultureInfo.InvariantCulture, $"{infoNumber} 0 obj\n{InfoDictionary(oldInfo)}\nendobj\n");
        var newXrefAt = bytes.Length + Latin1.GetByteCount(update.ToString());
        update.Append("xref\n");
        if (rewriteCatalog) update.Append(CultureInfo.InvariantCulture, $"{rootNumber} 1\n{catalogAt:D10} {rootGeneration:D5} n\r\n");
        update.Append(CultureInfo.InvariantCulture, $"{infoNumber} 1\n{infoAt:D10} 00000 n\r\n");
        var id = IdKey().Match(trailer) is { Success: true } m ? " " + m.Value : "";
        update.Append(CultureInfo.InvariantCulture,
            $"trailer\n<</Size {size + 1}\n/Root {rootNumber} {rootGeneration} R\n/Info {infoNumber} 0 R\n/Prev {xrefAt}{id}>>\nstartxref\n{newXrefAt}\n%%EOF\n");

        using var file = new FileStream(pdfFile, FileMode.Append, FileAccess.Write);
        file.Write(Latin1.GetBytes(update.ToString()));
    }

    private bool HasLanguage(string catalog) =>
        catalog.Contains($"/Lang {Literal(Language)}", StringComparison.Ordinal) && catalog.Contains("/DisplayDocTitle true", StringComparison.Ordinal);

    private string WithLanguage(string catalog)
    {
        var body = LangKey().Replace(catalog[2..^2], "");
        var extra = $"/Lang {Literal(Language)}";
        // Viewers show the title instead of the file name (PDF/UA asks for it).
        if (!body.Contains("/ViewerPreferences", StringComparison.Ordinal)) extra += "\n/ViewerPreferences <</DisplayDocTitle true>>";
        return $"<<{body.TrimEnd()}\n{extra}>>";
    }

    private string InfoDictionary(string oldInfo)
    {
        var sb = new StringBuilder("<<");
        sb.Append("/Title ").Append(TextString(Title));
        if (Author.Length > 0) sb.Append("\n/Author ").Append(TextString(Author));
        if (Subject.Length > 0) sb.Append("\n/Subject ").Append(TextString(Subject));
        if (Keywords.Length > 0) sb.Append("\n/Keywords ").Append(TextString(Keywords));
        sb.Append("\n/Creator ").Append(TextString(Creator));
        foreach (var key in new[] { "Producer", "CreationDate", "ModDate" })
            if (Regex.Match(oldInfo, $@"/{key}\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)") is { Success: true } kept)
                sb.Append('\n').Append('/').Append(key).Append(' ').Append(kept.Groups[1].Value);
        return sb.Append(">>").ToString();
    }

    /// <summary>A PDF text string: ASCII as a literal, anything else as UTF-16BE with a byte order mark.</summary>
    public static string TextString(string s) =>
        s.All(c => c is >= ' ' and <= '~') ? Literal(s) : "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(s)) + ">";

    private static string Literal(string s) => "(" + s.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)") + ")";

    /// <summary>The classic cross-reference table at <paramref name="at"/> (Chromium writes PDF 1.4) and its trailer.</summary>
    private static (Dictionary<int, int> Offsets, string Trailer) ReadXref(string text, int at)
    {
        if (at < 0 || at >= text.Length || string.CompareOrdinal(text, at, "xref", 0, 4) != 0)
            throw new InvalidDataException("相互参照表（xref）が見つかりません。");
        var trailerAt = text.IndexOf("trailer", at, StringComparison.Ordinal);
        var end = text.IndexOf("startxref", trailerAt, StringComparison.Ordinal);
        if (trailerAt < 0 || end < 0) throw new InvalidDataException("trailer がありません。");
        var tokens = text[(at + 4)..trailerAt].Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var offsets = new Dictionary<int, int>();
        for (var i = 0; i + 1 < tokens.Length;)
        {
            int first = int.Parse(tokens[i], CultureInfo.InvariantCulture), count = int.Parse(tokens[i + 1], CultureInfo.InvariantCulture);
            i += 2;
            for (var n = 0; n < count; n++, i += 3)
                if (tokens[i + 2] == "n") offsets[first + n] = int.Parse(tokens[i], CultureInfo.InvariantCulture);
        }
        return (offsets, text[trailerAt..end]);
    }

    private static string ObjectText(string text, Dictionary<int, int> offsets, int number)
    {
        if (!offsets.TryGetValue(number, out var at)) throw new InvalidDataException($"オブジェクト {number} がありません。");
        var end = text.IndexOf("endobj", at, StringComparison.Ordinal);
        return end < 0 ? throw new InvalidDataException($"オブジェクト {number} が閉じられていません。") : text[at..end];
    }

    /// <summary>The outermost &lt;&lt; … &gt;&gt; of an object that is a plain dictionary (no stream).</summary>
    private static string Dictionary(string objectText)
    {
        int start = objectText.IndexOf("<<", StringComparison.Ordinal), end = objectText.LastIndexOf(">>", StringComparison.Ordinal);
        if (start < 0 || end < start || objectText.Contains("stream", StringComparison.Ordinal))
            throw new InvalidDataException("辞書のオブジェクトではありません。");
        return objectText[start..(end + 2)];
    }

    private static Match Required(Regex key, string trailer, string name) =>
        key.Match(trailer) is { Success: true } m ? m : throw new InvalidDataException($"trailer に {name} がありません。");

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF")] private static partial Regex StartXref();
    [GeneratedRegex(@"/Size\s+(\d+)")] private static partial Regex SizeKey();
    [GeneratedRegex(@"/Root\s+(\d+)\s+(\d+)\s+R")] private static partial Regex RootKey();
    [GeneratedRegex(@"/Info\s+(\d+)\s+(\d+)\s+R")] private static partial Regex InfoKey();
    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")] private static partial Regex IdKey();
    [GeneratedRegex(@"/Lang\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)")] private static partial Regex LangKey();
}
