using System.Globalization;
using System.Text;

namespace Casebook.Core.Search;

/// <summary>
/// How the facet keys name a page: by the first bits of its Pagefind id when no other page of the index shares them,
/// else by the whole id. Ids are hashes (7 hexadecimal digits, 8 for the few Pagefind lengthens to avoid a clash), so
/// 10,000 sorted prefixes of 18 bits written as differences take about 10 KB gzipped, where the whole ids took 23 KB
/// (43 KB once one id was longer than the rest). The width is the one that writes the fewest characters.
/// </summary>
/// <param name="Hex">how many hexadecimal digits after the prefix the bits are taken from (0: ids are not hexadecimal).</param>
/// <param name="Bits">how many leading bits of those digits name a page (0: every page by its whole id).</param>
/// <param name="Prefixes">the unshared prefixes, sorted, as <see cref="SearchFacetPages.Number"/> differences.</param>
/// <param name="Whole">the ids (without the common prefix) of the pages found by their whole id.</param>
/// <param name="Order">the pages' ids (with the prefix) in row order: those of <paramref name="Prefixes"/>, then <paramref name="Whole"/>.</param>
public sealed record PageKeys(int Hex, int Bits, string Prefixes, IReadOnlyList<string> Whole, IReadOnlyList<string> Order)
{
    /// <param name="pages">the ids of the pages that have rows.</param>
    /// <param name="everyId">every id of the index (pages without rows too: a result must not take another page's row).</param>
    /// <param name="prefix">what every id begins with ("en_").</param>
    public static PageKeys For(IReadOnlyList<string> pages, IReadOnlyList<string> everyId, string prefix)
    {
        var bare = pages.Select(id => id[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        var others = everyId.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Select(id => id[prefix.Length..]).ToList();
        var hex = bare.Concat(others).Select(id => id.Length).DefaultIfEmpty(0).Min();
        hex = Math.Min(hex, 13);    // 52 bits: exact in a JavaScript number
        if (hex == 0 || bare.Concat(others).Any(id => !id.All(char.IsAsciiHexDigitLower)))
            return new PageKeys(0, 0, "", bare, bare.Select(id => prefix + id).ToList());
        var best = Enumerable.Range(1, 4 * hex).Select(bits => Key(bare, others, prefix, hex, bits))
            .MinBy(k => k.Prefixes.Length + k.Whole.Sum(w => w.Length + 3))!;
        return best;
    }

    private static PageKeys Key(List<string> bare, List<string> others, string prefix, int hex, int bits)
    {
        long Of(string id) => long.Parse(id.AsSpan(0, hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) >> (4 * hex - bits);
        var shared = others.Concat(bare).Distinct(StringComparer.Ordinal).GroupBy(Of).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var unshared = bare.Where(id => !shared.Contains(Of(id))).OrderBy(Of).ToList();
        var whole = bare.Where(id => shared.Contains(Of(id))).ToList();
        var sb = new StringBuilder();
        long previous = 0;
        foreach (var id in unshared)
        {
            SearchFacetPages.Number(sb, Of(id) - previous);
            previous = Of(id);
        }
        return new PageKeys(hex, bits, sb.ToString(), whole, unshared.Concat(whole).Select(id => prefix + id).ToList());
    }
}
