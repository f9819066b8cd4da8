using System.Globalization;
using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using SkiaSharp;

namespace Casebook.Publishing.Pdf;

/// <summary>Finds the characters of a volume that the print fonts cannot draw. Chromium prints such a character
/// with a fallback font, which it may embed as Type 3 (then the PDF is refused) or draw as an empty box: this says
/// where they are, so the editor does not have to search the whole volume.</summary>
public static class PrintGlyphs
{
    /// <summary>The fonts print.css sets (body and headings), as Debian's fonts-morisawa-bizud-* install them.
    /// Looked up by file: the bundled Skia has no fontconfig.</summary>
    public static readonly string[] FontFiles = ["BIZUDMincho-Regular.ttf", "BIZUDPGothic-Regular.ttf"];

    private static readonly string[] FontDirectories =
        ["/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local/share/fonts")];

    /// <param name="volume">Bound (<see cref="Casebook.Core.Binding.ContentBinder"/>): its glossaries are known.</param>
    public static IReadOnlyList<Diagnostic> Find(SiteContent content, Volume volume, bool refused)
    {
        var fonts = FontFiles.Select(FindFont).OfType<string>().Select(SKTypeface.FromFile).OfType<SKTypeface>().Select(t => new SKFont(t)).ToList();
        if (fonts.Count == 0) return [];
        try
        {
            var found = new List<Diagnostic>();
            var caseIds = volume.CaseOrder.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var c in content.Cases.Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.SourcePath, StringComparer.Ordinal))
                Scan(c.RawText, c.SourcePath, 1, fonts, refused, found);
            // The volume file holds the foreword, contributors and colophon: all printed.
            if (volume.ForewordPath is not null && File.Exists(Path.Combine(content.SourceRoot, volume.ForewordPath)))
                Scan(File.ReadAllText(Path.Combine(content.SourceRoot, volume.ForewordPath)), volume.ForewordPath, 1, fonts, refused, found);
            foreach (var g in volume.Glossaries)
                foreach (var e in g.Entries)
                    Scan(e.Abbr + " " + e.Expansion + " " + e.Note, g.SourcePath, 0, fonts, refused, found);
            return found;
        }
        finally
        {
            foreach (var f in fonts) { f.Typeface.Dispose(); f.Dispose(); }
        }
    }

    private static string? FindFont(string file) => FontDirectories.Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d, file, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        .Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>One diagnostic per distinct character and file, at its first place. <paramref name="firstLine"/> 0:
    /// the text has no line positions of its own (a glossary entry), so the file is named without a line.</summary>
    private static void Scan(string text, string path, int firstLine, List<SKFont> fonts, bool refused, List<Diagnostic> found)
    {
        var seen = new HashSet<int>();
        int line = firstLine, column = 1;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == '\n') { line++; column = 1; continue; }
            if (!Skipped(rune) && !fonts.All(f => f.ContainsGlyph(rune.Value)) && seen.Add(rune.Value))
            {
                var span = firstLine == 0 ? SourceSpan.File(path) : new SourceSpan(path, line, column);
                found.Add(new Diagnostic(refused ? Severity.Error : Severity.Warning, DiagnosticCodes.PrintGlyphMissing,
                    $"「{rune}」（U+{rune.Value:X4}）は印刷用フォント（BIZ UD 明朝・BIZ UDP ゴシック）にない文字です。" +
                    (refused ? "PDF では別のフォント（Type 3）になるため印刷所に出せません。" : "PDF では別のフォントで印刷されます（字形がそろわないか、□になります）。") +
                    "ほかの文字や言葉に置き換えてください。", span));
            }
            column += rune.Utf16SequenceLength;
        }
    }

    /// <summary>Characters that are not drawn themselves: controls, joiners, variation selectors, spaces.</summary>
    private static bool Skipped(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            || rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
}
