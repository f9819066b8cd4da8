using System.Text;

namespace Casebook.Core.Text;

public static class TextNormalizer
{
    /// <summary>NFKC, trimmed, inner white space collapsed: ＩＣＴ and "ICT " are one tag.</summary>
    public static string Tag(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC).Trim();
        if (n.Length == 0) return n;
        var sb = new StringBuilder(n.Length);
        var space = false;
        foreach (var ch in n)
        {
            if (char.IsWhiteSpace(ch)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Text for the search index and queries: NFKC so 全角/半角 variants match.</summary>
    public static string Search(string s) => s.Normalize(NormalizationForm.FormKC);
}
