using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Binding;

/// <summary>Finds a declared term by any of the names a writer may use for it.</summary>
public static class TermLookup
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Taxonomy, Dictionary<string, Term>> Keys = new();

    /// <summary>The first term (in declared order) whose id, label, short label or number matches.</summary>
    public static Term? Find(Taxonomy taxonomy, string raw) =>
        Keys.GetValue(taxonomy, BuildKeys).GetValueOrDefault(TextNormalizer.Tag(raw));

    /// <summary>Every name of every term, normalised once; where two terms share a name, the one declared first wins.</summary>
    private static Dictionary<string, Term> BuildKeys(Taxonomy taxonomy)
    {
        var keys = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var t in taxonomy.Terms)
        {
            keys.TryAdd(t.Id, t);
            keys.TryAdd(TextNormalizer.Tag(t.Label), t);
            keys.TryAdd(TextNormalizer.Tag(t.Short), t);
            if (t.Number is int n)
            {
                keys.TryAdd(n.ToString(System.Globalization.CultureInfo.InvariantCulture), t);
                keys.TryAdd(CircledNumber.Format(n), t);
            }
        }
        return keys;
    }
}
