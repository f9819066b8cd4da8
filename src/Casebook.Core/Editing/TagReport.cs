using System.Globalization;
using System.Text;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Editing;

public sealed record TermCount(string Taxonomy, string Key, string Label, int Count);

/// <summary>Tags that are probably one theme written differently. Kind: <c>spelling</c> (different spellings
/// that already count as one tag: 全角/半角, spaces), <c>variant</c> (differ only in case, spacing or ・/-),
/// <c>close</c> (small edit distance).</summary>
public sealed record NearDuplicate(string Kind, List<string> Terms);

/// <summary><c>casebook tags</c>: every term with its number of cases, unused terms, and near-duplicate tags.
/// Expects content whose terms were resolved by validation.</summary>
public sealed class TagReport
{
    public required List<TermCount> Terms { get; init; }
    public required List<TermCount> Unused { get; init; }
    public required List<NearDuplicate> NearDuplicates { get; init; }

    public static TagReport Build(SiteContent content)
    {
        var terms = new List<TermCount>();
        foreach (var tax in CaseTermEditor.Keys)
        {
            var t = content.Taxonomies[tax];
            var counts = new Dictionary<string, (string Label, int Count)>(StringComparer.Ordinal);
            foreach (var term in t.Terms) counts[term.Id] = (term.Display, 0);
            foreach (var c in content.Cases)
            {
                var list = tax switch { TaxonomyIds.Elements => c.Elements, TaxonomyIds.Pillars => c.Pillars, _ => c.Tags };
                foreach (var term in list.DistinctBy(x => x.Id))
                    counts[term.Id] = (counts.TryGetValue(term.Id, out var e) ? e.Label : term.Display, (counts.TryGetValue(term.Id, out var e2) ? e2.Count : 0) + 1);
            }
            var ordered = t.Closed
                ? t.Terms.Select(x => new TermCount(tax, x.Id, counts[x.Id].Label, counts[x.Id].Count))
                : counts.Select(kv => new TermCount(tax, kv.Key, kv.Value.Label, kv.Value.Count))
                    .OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal);
            terms.AddRange(ordered);
        }
        var unused = terms.Where(t => t.Count == 0).ToList();

        var near = new List<NearDuplicate>();
        // Raw spellings that normalise to the same tag.
        var spellings = content.Cases.SelectMany(c => c.TagRefs).Select(r => r.Raw)
            .GroupBy(TextNormalizer.Tag, StringComparer.Ordinal)
            .Select(g => g.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())
            .Where(l => l.Count > 1);
        near.AddRange(spellings.Select(l => new NearDuplicate("spelling", l)).OrderBy(n => n.Terms[0], StringComparer.Ordinal));

        var tags = terms.Where(t => t.Taxonomy == TaxonomyIds.Tags).Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var variants = tags.GroupBy(LooseKey, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        near.AddRange(variants.Select(l => new NearDuplicate("variant", l)));
        var inVariant = variants.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
            for (var j = i + 1; j < tags.Count; j++)
            {
                var (a, b) = (LooseKey(tags[i]), LooseKey(tags[j]));
                if (a != b && Close(a, b)) near.Add(new NearDuplicate("close", [tags[i], tags[j]]));
            }
        return new TagReport { Terms = terms, Unused = unused, NearDuplicates = near };
    }

    /// <summary>Two tags that are probably one theme: the same <see cref="LooseKey"/>, or loose keys a small edit
    /// distance apart (1, or 2 from 8 characters; never for keys shorter than 3).</summary>
    public static bool AreNearDuplicates(string a, string b)
    {
        var (x, y) = (LooseKey(a), LooseKey(b));
        return x == y || Close(x, y);
    }

    private static bool Close(string a, string b)
    {
        var min = Math.Min(a.Length, b.Length);
        var limit = min >= 8 ? 2 : min >= 3 ? 1 : 0;
        return limit > 0 && Math.Abs(a.Length - b.Length) <= limit && NearestMatch.Distance(a, b) <= limit;
    }

    /// <summary>NFKC, lower case, without spaces, middle dots and hyphens.</summary>
    public static string LooseKey(string s)
    {
        var n = s.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(n.Length);
        foreach (var ch in n)
            if (!char.IsWhiteSpace(ch) && ch is not ('・' or '･' or '-' or '‐' or '_' or '.')) sb.Append(ch);
        return sb.ToString();
    }
}
