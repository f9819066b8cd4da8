using System.Globalization;

namespace Casebook.Core.Text;

/// <summary>"Did you mean …" suggestions by edit distance over normalised strings.</summary>
public static class NearestMatch
{
    public static string? Find(string input, IEnumerable<string> candidates)
    {
        var key = Normalize(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(key, Normalize(c));
            if (d < bestDistance || (d == bestDistance && best is not null && string.CompareOrdinal(c, best) < 0))
            {
                best = c;
                bestDistance = d;
            }
        }
        if (best is null) return null;
        // Allow roughly a third of the length to differ; substring hits also count.
        var limit = Math.Max(1, (key.Length + 2) / 3);
        var nb = Normalize(best);
        if (bestDistance <= limit || (key.Length >= 2 && (nb.Contains(key) || key.Contains(nb)))) return best;
        return null;
    }

    public static string Suggest(string input, IEnumerable<string> candidates)
    {
        var m = Find(input, candidates);
        return m is null ? "" : $"（もしかして「{m}」？）";
    }

    private static string Normalize(string s) => TextNormalizer.Tag(s).ToLower(CultureInfo.InvariantCulture);

    public static int Distance(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
