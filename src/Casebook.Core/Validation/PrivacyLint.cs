using System.Buffers;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Validation;

/// <summary>Warns about personal data in published content: phone numbers, e-mail addresses,
/// postal codes with street addresses and 12-digit numbers (マイナンバー). A false positive is
/// acknowledged in front matter with <c>privacy_ack: ["045-000-0000"]</c> (the exact text) or a kind
/// (<c>phone</c>, <c>email</c>, <c>address</c>, <c>mynumber</c>).</summary>
public sealed partial class PrivacyLint : IContentValidator
{
    private sealed record Rule(string Kind, string Code, Regex Pattern, string Message);

    [GeneratedRegex(@"(?<![\d-])(?:0\d{1,4}-\d{1,4}-\d{3,4}|\(0\d{1,4}\)\s?\d{1,4}-\d{3,4}|0[5789]0\d{8}|0\d{9})(?![\d-])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")]
    private static partial Regex Email();

    // A postal code followed closely by a place name and a house number (番地, 丁目, 1-2-3).
    [GeneratedRegex(@"(?:〒\s?)?(?<!\d)\d{3}-\d{4}(?!\d)\s*[^\n]{0,30}?[都道府県市区町村郡][^\n]{0,30}?(?:\d+丁目|\d+番地?|\d+号|\d+-\d+(?:-\d+)?)")]
    private static partial Regex PostalAddress();

    [GeneratedRegex(@"(?<![\d,.-])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\d,.-])")]
    private static partial Regex TwelveDigits();

    private static readonly Rule[] Rules =
    [
        new("phone", DiagnosticCodes.PrivacyPhone, Phone(), "電話番号のような記述があります"),
        new("email", DiagnosticCodes.PrivacyEmail, Email(), "メールアドレスがあります"),
        new("address", DiagnosticCodes.PrivacyAddress, PostalAddress(), "郵便番号と番地までの住所があります"),
        new("mynumber", DiagnosticCodes.PrivacyMyNumber, TwelveDigits(), "12桁の番号（マイナンバーの可能性）があります"),
    ];

    // Any text of the file may hold what the lint looks for.
    public CaseEdit AffectedBy => CaseEdit.Body | CaseEdit.FrontMatter;

    /// <summary>Only the edited file's text can have changed.</summary>
    public void ValidateCaseEdit(SiteContent content, CaseStudy edited, DiagnosticBag diagnostics) =>
        Scan(edited.SourcePath, edited.RawText, edited.PrivacyAck, diagnostics);

    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var docs = content.Cases.Select(c => (c.SourcePath, c.RawText, c.PrivacyAck))
            .Concat(content.Pages.Select(p => (p.SourcePath, p.RawText, p.PrivacyAck)))
            .Concat(content.Lessons.Select(l => (l.SourcePath, l.RawText, l.PrivacyAck)))
            .ToList();
        Parallel.ForEach(docs, d => Scan(d.SourcePath, d.RawText, d.PrivacyAck, diagnostics));
    }

    public static void Scan(string path, string rawText, IReadOnlyCollection<string> ack, DiagnosticBag diagnostics)
    {
        if (rawText.Length == 0) return;
        // Full-width digits and hyphens count too: ０４５－１２３－４５６７. NFKC keeps one char per
        // char for these ranges, so positions still map to the original text.
        var text = Fold(rawText);
        var acknowledged = ack.Select(Fold).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (acknowledged.Contains(rule.Kind)) continue;
            // Most texts have no '@': the e-mail pattern would otherwise try every run of ASCII letters and digits.
            if (rule.Kind == "email" && !text.Contains('@')) continue;
            foreach (Match m in rule.Pattern.Matches(text))
            {
                if (acknowledged.Contains(m.Value.Trim())) continue;
                var (line, col) = Position(text, m.Index);
                diagnostics.Warning(rule.Code,
                    $"{rule.Message}: 「{m.Value.Trim()}」。公開してよい情報か確認してください（問題なければ front matter の privacy_ack に \"{m.Value.Trim()}\" か {rule.Kind} を書くと警告が消えます）。",
                    new SourceSpan(path, line, col));
            }
        }
    }

    private static readonly SearchValues<char> Folded = SearchValues.Create("０１２３４５６７８９－‐−–（）＠");

    private static string Fold(string s)
    {
        var first = s.AsSpan().IndexOfAny(Folded);
        if (first < 0) return s;
        return string.Create(s.Length, (s, first), static (span, state) =>
        {
            var (text, from) = state;
            text.AsSpan(0, from).CopyTo(span);
            for (var i = from; i < text.Length; i++)
            {
                var ch = text[i];
                span[i] = ch switch
                {
                    >= '０' and <= '９' => (char)('0' + (ch - '０')),
                    '－' or '‐' or '−' or '–' => '-',
                    '（' => '(',
                    '）' => ')',
                    '＠' => '@',
                    _ => ch,
                };
            }
        });
    }

    private static (int Line, int Col) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return (line, index - lineStart + 1);
    }
}
