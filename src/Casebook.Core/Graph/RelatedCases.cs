using Casebook.Core.Model;

namespace Casebook.Core.Graph;

/// <summary>Related cases: the algorithm on its own, so the builder and serve's partial recomputation share it.</summary>
public static class RelatedCases
{
    /// <summary>Up to five cases sharing the most terms; tags weigh more than the broad elements and pillars.
    /// Ties go to the case listed first. Only cases sharing a term are scored, and the top five are picked
    /// without sorting, so the work grows with the shared terms, not with the square of the site.</summary>
    public static Dictionary<string, List<CaseStudy>> Compute(List<CaseStudy> cases)
    {
        var all = Compute(cases, Enumerable.Range(0, cases.Count).ToList());
        var related = new Dictionary<string, List<CaseStudy>>(cases.Count, StringComparer.Ordinal);
        foreach (var (i, list) in all) related[cases[i].Id] = list;
        return related;
    }

    /// <summary>The related cases of <c>cases[i]</c> for each i of <paramref name="only"/> (scores from the whole site).</summary>
    public static List<(int Index, List<CaseStudy> Related)> Compute(List<CaseStudy> cases, List<int> only)
    {
        var byTerm = new Dictionary<Term, List<int>>();
        var termsOf = new Term[cases.Count][];
        for (var i = 0; i < cases.Count; i++)
        {
            termsOf[i] = cases[i].AllTerms.ToArray();
            foreach (var t in termsOf[i])
                (byTerm.TryGetValue(t, out var l) ? l : byTerm[t] = new()).Add(i);
        }
        var common = Math.Max(20, cases.Count / 4);
        var weights = new Dictionary<Term, (int Weight, int[] Cases)>(byTerm.Count);
        foreach (var (t, list) in byTerm)
        {
            var weight = t.Taxonomy == TaxonomyIds.Tags ? 3 : t.Taxonomy == TaxonomyIds.Pillars ? 2 : 1;
            // Very common terms say little about relatedness.
            if (list.Count > common) weight = Math.Max(1, weight / 2);
            weights[t] = (weight, list.ToArray());
        }

        var top = new List<CaseStudy>[only.Count];
        Parallel.For(0, only.Count,
            () => (Scores: new int[cases.Count], Touched: new List<int>()),
            (o, _, local) =>
            {
                var i = only[o];
                var (scores, touched) = local;
                foreach (var t in termsOf[i])
                {
                    var (weight, list) = weights[t];
                    foreach (var j in list)
                    {
                        if (j == i) continue;
                        if (scores[j] == 0) touched.Add(j);
                        scores[j] += weight;
                    }
                }
                // The best five by score, then by position: a small insertion list.
                Span<int> best = stackalloc int[5];
                var n = 0;
                foreach (var j in touched)
                {
                    var sj = scores[j];
                    if (sj < 3) continue;
                    var k = n;
                    while (k > 0 && (scores[best[k - 1]] < sj || (scores[best[k - 1]] == sj && best[k - 1] > j))) k--;
                    if (k >= 5) continue;
                    for (var m = Math.Min(n, 4); m > k; m--) best[m] = best[m - 1];
                    best[k] = j;
                    if (n < 5) n++;
                }
                var result = new List<CaseStudy>(n);
                for (var k = 0; k < n; k++) result.Add(cases[best[k]]);
                top[o] = result;
                foreach (var j in touched) scores[j] = 0;
                touched.Clear();
                return local;
            },
            _ => { });

        return only.Select((i, o) => (i, top[o])).ToList();
    }
}
