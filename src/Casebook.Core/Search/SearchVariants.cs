using System.Text;
using System.Text.Json;

namespace Casebook.Core.Search;

/// <summary>Spellings that search treats as one word (買い物・買物, CP・地域ケアプラザ), and the token that stands for
/// them in the index: <c>cbv0001</c>. The index gets that token after every place one of the spellings occurs; a query
/// holding one of them asks for the token instead. Fixed width keeps one key from being a prefix of another.</summary>
/// <remarks><see cref="Forms"/> are compared (normalised, ASCII lower case); <see cref="Shown"/> are the same spellings as
/// first written (NFKC), for telling the reader what was searched.</remarks>
public sealed record VariantGroup(string Key, IReadOnlyList<string> Forms, IReadOnlyList<string> Shown);

/// <summary>
/// The site's variant groups: Casebook's data file (<c>Search/variants.yml</c>), the glossary's abbreviations with
/// their expansions, and <c>search.variants</c> / <c>search.synonyms</c> from casebook.yml. Groups that share a
/// spelling are merged. theme/assets/js/search-text.js gets the same groups as JSON (<see cref="ToJson"/>) and
/// matches queries exactly as <see cref="SearchText.ForQuery(string, SearchVariants)"/> does.
/// </summary>
public sealed class SearchVariants
{
    private readonly record struct Candidate(string Form, int Group);

    private readonly Dictionary<char, Candidate[]> _byFirst = new();

    public IReadOnlyList<VariantGroup> Groups { get; }

    public static SearchVariants Empty { get; } = new([]);

    private SearchVariants(List<VariantGroup> groups)
    {
        Groups = groups;
        var lists = new Dictionary<char, List<Candidate>>();
        for (var g = 0; g < groups.Count; g++)
            foreach (var form in groups[g].Forms)
                (lists.TryGetValue(form[0], out var l) ? l : lists[form[0]] = new()).Add(new(form, g));
        // Longest first, so a query takes the longest spelling that starts at a position.
        foreach (var (first, l) in lists)
            _byFirst[first] = l.OrderByDescending(c => c.Form.Length).ThenBy(c => c.Form, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Groups of spellings, merged where they share one (after <see cref="NormalizeForm"/>); the order of the
    /// first spelling seen decides each group's key. Groups left with one spelling are dropped.</summary>
    public static SearchVariants From(IEnumerable<IEnumerable<string>> groups)
    {
        var forms = new List<string>();
        var shown = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var parent = new List<int>();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var group in groups)
        {
            var first = -1;
            foreach (var raw in group)
            {
                var form = NormalizeForm(raw);
                if (form.Length == 0) continue;
                if (!index.TryGetValue(form, out var i))
                {
                    i = forms.Count;
                    forms.Add(form);
                    shown.Add(SearchText.Normalize(raw).Trim());
                    parent.Add(i);
                    index[form] = i;
                }
                if (first < 0) { first = i; continue; }
                var (a, b) = (Find(first), Find(i));
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }
        // A group's root is its first spelling, so groups come out in the order they were first seen.
        var members = new Dictionary<int, List<int>>();
        var order = new List<int>();
        for (var i = 0; i < forms.Count; i++)
        {
            var root = Find(i);
            if (!members.TryGetValue(root, out var list)) { members[root] = list = new(); order.Add(root); }
            list.Add(i);
        }
        var result = new List<VariantGroup>();
        foreach (var root in order)
            if (members[root].Count > 1)
                result.Add(new VariantGroup(Key(result.Count), members[root].Select(i => forms[i]).ToList(), members[root].Select(i => shown[i]).ToList()));
        return new SearchVariants(result);
    }

    public static string Key(int group) => "cbv" + group.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A spelling as it is compared: the index's normalisation (<see cref="SearchText.Normalize"/>), trimmed,
    /// ASCII letters in lower case.</summary>
    public static string NormalizeForm(string form) => LowerAscii(SearchText.Normalize(form).Trim());

    private static string LowerAscii(string s)
    {
        if (!s.Any(c => c is >= 'A' and <= 'Z')) return s;
        var sb = new StringBuilder(s);
        for (var i = 0; i < sb.Length; i++) sb[i] = Lower(sb[i]);
        return sb.ToString();
    }

    private static char Lower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    /// <summary>Every spelling occurring in normalised text, nested ones included (地区社協 holds 社協 too), as
    /// (end, key) in order of position.</summary>
    internal void FindAll(string text, List<(int End, string Key)> into)
    {
        if (_byFirst.Count == 0) return;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_byFirst.TryGetValue(Lower(text[i]), out var candidates)) continue;
            foreach (var c in candidates)
                if (MatchesAt(text, i, c.Form)) into.Add((i + c.Form.Length, Groups[c.Group].Key));
        }
    }

    /// <summary>The longest spelling starting at <paramref name="at"/>, if any.</summary>
    internal VariantGroup? LongestAt(string text, int at, out int length)
    {
        length = 0;
        if (!_byFirst.TryGetValue(Lower(text[at]), out var candidates)) return null;
        foreach (var c in candidates)
            if (MatchesAt(text, at, c.Form)) { length = c.Form.Length; return Groups[c.Group]; }
        return null;
    }

    /// <summary>The spelling at <paramref name="at"/>, ignoring ASCII case; a spelling that starts (ends) with a letter
    /// or digit does not match inside a longer word (CP is not found in CPU).</summary>
    private static bool MatchesAt(string text, int at, string form)
    {
        if (at + form.Length > text.Length) return false;
        for (var k = 0; k < form.Length; k++)
            if (Lower(text[at + k]) != form[k]) return false;
        if (SearchText.IsWordChar(form[0]) && at > 0 && SearchText.IsWordChar(text[at - 1])) return false;
        var end = at + form.Length;
        if (SearchText.IsWordChar(form[^1]) && end < text.Length && SearchText.IsWordChar(text[end])) return false;
        return true;
    }

    /// <summary>The groups for search.js: <c>[{"key":"cbv0000","forms":["cp","地域ケアプラザ"],"shown":["CP","地域ケアプラザ"]}, …]</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(Groups.Select(g => new { key = g.Key, forms = g.Forms, shown = g.Shown }), SearchRecords.Json);
}
