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
        for (var i = 0; i < cases.Count; i++)
            foreach (var t in cases[i].AllTerms)
                (byTerm.TryGetValue(t, out var l) ? l : byTerm[t] = new()).Add(i);
        return Compute(cases, only, byTerm.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }

    /// <summary>The same from the graph's own lists (a term's cases in site order, <paramref name="position"/> giving each
    /// case's index in <paramref name="cases"/>): only the terms of the cases asked about are looked at, so serve's edit of
    /// one case does not index every case of the site again.</summary>
    public static List<(int Index, List<CaseStudy> Related)> Compute(List<CaseStudy> cases, List<int> only,
        IReadOnlyDictionary<Term, List<CaseStudy>> termCases, IReadOnlyDictionary<CaseStudy, int> position)
    {
        var byTerm = new Dictionary<Term, int[]>();
        foreach (var i in only)
            foreach (var t in cases[i].AllTerms)
                if (!byTerm.ContainsKey(t)) byTerm[t] = termCases[t].Select(c => position[c]).ToArray();
        return Compute(cases, only, byTerm);
    }

    /// <param name="byTerm">For each term of the cases in <paramref name="only"/> (at least), the indexes of the cases having
    /// it in site order, an index once per time the case lists the term.</param>
    private static List<(int Index, List<CaseStudy> Related)> Compute(List<CaseStudy> cases, List<int> only, Dictionary<Term, int[]> byTerm)
    {
        var common = Math.Max(20, cases.Count / 4);
        var weights = new Dictionary<Term, (int Weight, int[] Cases)>(byTerm.Count);
        foreach (var (t, list) in byTerm)
        {
            var weight = t.Taxonomy == TaxonomyIds.Tags ? 3 : t.Taxonomy == TaxonomyIds.Pillars ? 2 : 1;
            // Very common terms say little about relatedness.
            if (list.Length > common) weight = Math.Max(1, weight / 2);
            weights[t] = (weight, list);
        }

        var top = new List<CaseStudy>[only.Count];
        Parallel.For(0, only.Count,
            () => (Scores: new int[cases.Count], Touched: new List<int>()),
            (o, _, local) =>
            {
                var i = only[o];
                var (scores, touched) = local;
                foreach (var t in cases[i].AllTerms)
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
