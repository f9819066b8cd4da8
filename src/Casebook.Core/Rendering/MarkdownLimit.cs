using Markdig;

namespace Casebook.Core.Rendering;

/// <summary>Markdig refuses input nested deeper than its limits (quotes, lists, brackets, emphasis) and very
/// large tables, with an English message and no position. This finds the place: the first line whose prefix of
/// the document already fails, then the first column in that line. Only runs after a failure, so its
/// O(log n) extra parses cost nothing on good content.</summary>
public static class MarkdownLimit
{
    /// <summary>0-based line within <paramref name="markdown"/> and 1-based column where converting it first
    /// fails (parsing or rendering); (0, 1) when the whole text converts after all.</summary>
    public static (int Line, int Column) Locate(string markdown, MarkdownPipeline pipeline)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < markdown.Length; i++)
            if (markdown[i] == '\n') lineStarts.Add(i + 1);
        int End(int line) => line + 1 < lineStarts.Count ? lineStarts[line + 1] : markdown.Length;

        if (!Fails(markdown, pipeline)) return (0, 1);
        // Invariant: the prefix ending before line lo parses; the prefix ending after line hi fails.
        int lo = 0, hi = lineStarts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Fails(markdown[..End(mid)], pipeline)) hi = mid; else lo = mid + 1;
        }
        var start = lineStarts[hi];
        int clo = start, chi = End(hi);
        while (clo < chi)
        {
            var mid = (clo + chi) / 2;
            if (Fails(markdown[..(mid + 1)], pipeline)) chi = mid; else clo = mid + 1;
        }
        return (hi, Math.Max(1, chi - start + 1));
    }

    public static string Message(ArgumentException e) =>
        e.Message.Contains("nested", StringComparison.Ordinal)
            ? $"本文の Markdown の入れ子（引用の「>」、リストの字下げ、[ ] や * の重なり）が深すぎるか、表が大きすぎるため、本文を HTML にできません。この位置で入れ子を浅くするか、表を分けてください。（{e.Message}）"
            : $"本文の Markdown を読めません。（{e.Message}）";

    private static bool Fails(string text, MarkdownPipeline pipeline)
    {
        try { Markdig.Markdown.ToHtml(text, pipeline); return false; }
        catch (ArgumentException) { return true; }
    }
}
