using Casebook.Core.Diagnostics;

namespace Casebook.Core.Loading;

/// <summary>A file split at its front matter. Lines are 1-based positions in the original file.</summary>
public sealed record FrontMatterDocument(string Yaml, int YamlFirstLine, string Body, int BodyFirstLine);

public static class FrontMatter
{
    /// <summary>Splits <c>---\nyaml\n---\nbody</c>. Returns null (and reports) when the front matter
    /// is missing or never closed.</summary>
    public static FrontMatterDocument? Split(SourceText source, DiagnosticBag diagnostics)
    {
        var text = source.Text;
        var firstEnd = LineEnd(text, 0, out var firstNext);
        if (text.AsSpan(0, firstEnd).TrimEnd().ToString() != "---")
        {
            diagnostics.Error(DiagnosticCodes.MissingFrontMatter,
                "フロントマターがありません。1行目を `---` で始め、YAML の項目を書いて `---` で閉じてください。",
                new SourceSpan(source.Path, 1, 1));
            return null;
        }
        var line = 2;
        var pos = firstNext;
        while (pos < text.Length)
        {
            var end = LineEnd(text, pos, out var next);
            var content = text.AsSpan(pos, end - pos).TrimEnd();
            if (content is "---" or "...")
            {
                var yaml = text[firstNext..pos];
                var body = next <= text.Length ? text[next..] : "";
                return new FrontMatterDocument(yaml, 2, body, line + 1);
            }
            pos = next;
            line++;
        }
        diagnostics.Error(DiagnosticCodes.UnclosedFrontMatter,
            "フロントマターが閉じられていません。YAML の後に `---` だけの行を入れてください。",
            new SourceSpan(source.Path, 1, 1));
        return null;
    }

    private static int LineEnd(string text, int start, out int next)
    {
        var i = text.IndexOf('\n', start);
        if (i < 0) { next = text.Length + 1; return text.Length; }
        next = i + 1;
        return i > start && text[i - 1] == '\r' ? i - 1 : i;
    }
}
