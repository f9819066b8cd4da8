using System.Buffers;
using System.Text;
using Casebook.Core.Diagnostics;

namespace Casebook.Core.Loading;

/// <summary>A decoded text file. Path is as shown in diagnostics (relative to the source root).</summary>
public sealed record SourceText(string Path, string FullPath, string Text);

public static class SourceReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    static SourceReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads a file as UTF-8 (BOM optional) and reports empty, binary and non-UTF-8 files.</summary>
    public static SourceText? Read(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        byte[] buffer;
        int length;
        try { (buffer, length) = ReadPooled(fullPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"ファイルを読めません: {e.Message}", SourceSpan.File(displayPath));
            return null;
        }
        try
        {
            var text = Decode(buffer.AsSpan(0, length), displayPath, diagnostics);
            return text is null ? null : new SourceText(displayPath, fullPath, text);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>The whole file in a buffer from the shared pool (return it there): a build reads every file once and
    /// keeps only the decoded text, so the bytes need not be a new array each time. Opens the file as
    /// <see cref="File.ReadAllBytes"/> does, so failures read the same.</summary>
    internal static (byte[] Buffer, int Length) ReadPooled(string fullPath)
    {
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength) throw new IOException($"ファイルが大きすぎます（{size} バイト）。");
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max((int)size, 4096));
        var length = 0;
        try
        {
            // Read to the end, not to the size first seen: files whose size is unknown (0) or changing still read whole.
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length == Array.MaxLength) throw new IOException($"ファイルが大きすぎます（{length} バイト以上）。");
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)length * 2, Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var n = RandomAccess.Read(handle, buffer.AsSpan(length), length);
                if (n == 0) return (buffer, length);
                length += n;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static string? Decode(ReadOnlySpan<byte> bytes, string displayPath, DiagnosticBag diagnostics)
    {
        var span = SourceSpan.File(displayPath);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (bytes.IsEmpty || bytes.Trim((ReadOnlySpan<byte>)" \t\r\n"u8).IsEmpty)
        {
            diagnostics.Error(DiagnosticCodes.EmptyFile, "ファイルが空です。", span);
            return null;
        }
        if (LooksBinary(bytes))
        {
            diagnostics.Error(DiagnosticCodes.BinaryFile, "テキストファイルではありません（バイナリデータを含みます）。", span);
            return null;
        }
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            if (LooksShiftJis(bytes))
                diagnostics.Error(DiagnosticCodes.ShiftJis,
                    "ファイルが Shift_JIS（CP932）で保存されています。UTF-8 で保存し直してください（`casebook fix-encoding` で変換できます）。", span);
            else
                diagnostics.Error(DiagnosticCodes.NotUtf8, $"ファイルが UTF-8 ではありません（{e.Index} バイト目付近）。UTF-8 で保存してください。", span);
            return null;
        }
        return text;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var n = Math.Min(bytes.Length, 8000);
        for (var i = 0; i < n; i++) if (bytes[i] == 0) return true;
        return false;
    }

    /// <summary>True when the bytes decode cleanly as CP932 and contain Japanese double-byte text.</summary>
    public static bool LooksShiftJis(ReadOnlySpan<byte> bytes)
    {
        var sjis = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            var s = sjis.GetString(bytes);
            return s.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF');
        }
        catch (DecoderFallbackException) { return false; }
    }
}
