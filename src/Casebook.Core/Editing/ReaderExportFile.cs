using System.Text.Json;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Text;

namespace Casebook.Core.Editing;

/// <summary>Reads the JSON that /my/ exports (docs/mytags.md), checking it as mytags-transfer.js does: every problem
/// is reported at its line and column, and a file with any error yields nothing.</summary>
public static partial class ReaderExportFile
{
    public const string Format = "casebook-mytags";
    public const int Version = 1;
    public const int MaxTagLength = 40;
    private const long MaxBytes = 1024 * 1024;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CaseId();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex ReaderId();

    public static ReaderExport? Read(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(fullPath).Length > MaxBytes)
            {
                diagnostics.Error(DiagnosticCodes.ReaderExportNotJson, "ファイルが大きすぎます（1 MB まで）。マイタグの一覧で書き出した JSON を指定してください。", SourceSpan.File(displayPath));
                return null;
            }
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"ファイルを読めません: {e.Message}", SourceSpan.File(displayPath));
            return null;
        }
        JsonValueAt root;
        try { root = JsonValueAt.Parse(bytes); }
        catch (JsonException e)
        {
            diagnostics.Error(DiagnosticCodes.ReaderExportNotJson,
                "JSON として読めません。マイタグの一覧（/my/）の「JSON で書き出す」で作ったファイルを指定してください（CSV は読めません）。",
                new SourceSpan(displayPath, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
            return null;
        }
        catch (InvalidOperationException)
        {
            diagnostics.Error(DiagnosticCodes.ReaderExportNotJson, "JSON として読めません（文字列の中に使えない文字があります）。", SourceSpan.File(displayPath));
            return null;
        }
        return Check(root, displayPath, diagnostics);
    }

    private static ReaderExport? Check(JsonValueAt root, string path, DiagnosticBag diagnostics)
    {
        var errors = 0;
        void Error(string code, string message, JsonValueAt at) { errors++; diagnostics.Error(code, message, at.Span(path)); }

        if (root.Kind != JsonValueKind.Object || root["format"]?.String != Format)
        {
            Error(DiagnosticCodes.ReaderExportFormat, $"マイタグの書き出しファイルではありません（\"format\" が \"{Format}\" ではありません）。", root["format"] ?? root);
            return null;
        }
        if (root["version"] is not { Kind: JsonValueKind.Number, Number: Version })
        {
            var version = root["version"];
            var shown = version?.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? version?.String ?? "なし";
            Error(DiagnosticCodes.ReaderExportFormat, $"この casebook が読める形式は version {Version} です（このファイルは {shown}）。", version ?? root);
            return null;
        }
        var siteTitle = root["site"]?["title"]?.String ?? "";

        var readers = new List<ExportReader>();
        if (root["readers"] is not { Kind: JsonValueKind.Array } readerList)
            Error(DiagnosticCodes.ReaderExportShape, "\"readers\"（読み手の一覧）がありません。", root["readers"] ?? root);
        else
            foreach (var r in readerList.Items)
            {
                if (r.Kind != JsonValueKind.Object || r["id"]?.String is not { } id || !ReaderId().IsMatch(id))
                    Error(DiagnosticCodes.ReaderExportShape, "読み手に \"id\"（英数字・ハイフン・下線）がありません。", r);
                else if (readers.All(x => x.Id != id))
                    readers.Add(new ExportReader(id, r["name"]?.String ?? ""));
            }
        var known = readers.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var cases = new List<ExportedCase>();
        if (root["cases"] is not { Kind: JsonValueKind.Array } caseList)
        {
            Error(DiagnosticCodes.ReaderExportShape, "\"cases\"（事例の一覧）がありません。", root["cases"] ?? root);
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in caseList.Items)
        {
            if (c.Kind != JsonValueKind.Object || c["id"]?.String is not { } id || !CaseId().IsMatch(id))
            {
                Error(DiagnosticCodes.ReaderExportShape, "事例に \"id\"（英小文字・数字・ハイフン）がありません。", c["id"] ?? c);
                continue;
            }
            var idAt = c["id"]!;
            if (!seen.Add(id))
            {
                Error(DiagnosticCodes.ReaderExportShape, $"事例「{id}」が 2 回出てきます。", idAt);
                continue;
            }
            var tags = new List<ExportedTag>();
            var tagList = c["tags"];
            if (tagList is not null && tagList.Kind != JsonValueKind.Array)
                Error(DiagnosticCodes.ReaderExportShape, $"事例「{id}」の \"tags\" が一覧になっていません。", tagList);
            else
                foreach (var t in tagList?.Items ?? [])
                {
                    var tag = t["tag"]?.String is { } raw ? TextNormalizer.Tag(raw) : "";
                    var who = t["readers"];
                    if (t.Kind != JsonValueKind.Object || tag.Length == 0 || tag.Length > MaxTagLength || who is not { Kind: JsonValueKind.Array } || who.Items.Count == 0)
                    {
                        Error(DiagnosticCodes.ReaderExportShape,
                            $"事例「{id}」のタグが正しくありません（\"tag\" は {MaxTagLength} 文字までの空でない文字列、\"readers\" は読み手の ID の一覧）。", t);
                        continue;
                    }
                    var ids = new List<string>();
                    foreach (var r in who.Items)
                    {
                        if (r.String is { } rid && known.Contains(rid)) { if (!ids.Contains(rid)) ids.Add(rid); }
                        else Error(DiagnosticCodes.ReaderExportShape, $"事例「{id}」のタグ「{tag}」の読み手「{r.String ?? "?"}」が \"readers\" にありません。", r);
                    }
                    tags.Add(new ExportedTag(tag, ids, t.Span(path)));
                }
            var notes = new List<ExportedNote>();
            var noteList = c["notes"];
            if (noteList is not null && noteList.Kind != JsonValueKind.Array)
                Error(DiagnosticCodes.ReaderExportShape, $"事例「{id}」の \"notes\" が一覧になっていません。", noteList);
            else
                foreach (var n in noteList?.Items ?? [])
                {
                    if (n["reader"]?.String is { } rid && known.Contains(rid) && n["text"]?.String is { } text) notes.Add(new ExportedNote(rid, text));
                    else Error(DiagnosticCodes.ReaderExportShape, $"事例「{id}」のメモが正しくありません（\"reader\" は \"readers\" にある ID、\"text\" は文字列）。", n);
                }
            cases.Add(new ExportedCase(id, idAt.Span(path), tags, notes));
        }
        return errors > 0 ? null : new ReaderExport(path, siteTitle, readers, cases);
    }
}
