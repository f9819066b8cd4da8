using System.Text;

namespace Casebook.Core.Importing;

/// <summary>Document text written as Markdown that reads back as the same text: characters Markdown would take as
/// markup are escaped, everything else (full-width letters, kana, spacing) is kept exactly as written.</summary>
public static class MarkdownText
{
    // ASCII punctuation that starts markup somewhere in the pipeline (emphasis extras, footnotes, raw HTML, entities).
    private const string Special = "\\`*_[]<>!&~^=+|#";

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A paragraph's first characters that would make it a list item, heading or quote are escaped.</summary>
    public static string EscapeLineStart(string line)
    {
        var trimmed = line.TrimStart(' ');
        var lead = line.Length - trimmed.Length;
        if (trimmed.Length == 0) return line;
        if (trimmed[0] is '-' or '>' && (trimmed.Length == 1 || trimmed[1] == ' '))
            return line[..lead] + "\\" + trimmed;
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits])) digits++;
        if (digits > 0 && digits < trimmed.Length && trimmed[digits] is '.' or ')')
            return line[..(lead + digits)] + "\\" + trimmed[digits..];
        return lead >= 4 ? line.TrimStart(' ') : line;
    }

    /// <summary>A link target: kept as is unless it has spaces or brackets, then in angle brackets.</summary>
    public static string Url(string url) =>
        url.IndexOfAny([' ', '(', ')', '<', '>']) >= 0 ? "<" + url.Replace("<", "%3C").Replace(">", "%3E").Replace(" ", "%20") + ">" : url;

    /// <summary>Text for a YAML double-quoted scalar.</summary>
    public static string Yaml(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
