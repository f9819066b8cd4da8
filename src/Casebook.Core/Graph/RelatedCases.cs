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

        if (only.Count >= 64 && RelatedBySignature.TryCompute(cases, only, weights) is { } fast) return fast;

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
                var best = new Best();
                foreach (var j in touched) best.Offer(j, scores[j]);
                top[o] = best.Cases(cases);
                foreach (var j in touched) scores[j] = 0;
                touched.Clear();
                return local;
            },
            _ => { });

        return only.Select((i, o) => (i, top[o])).ToList();
    }

    /// <summary>The best five by score, then by position: a small insertion list. Scores under 3 do not count.</summary>
    internal struct Best
    {
        private (int Index, int Score) _0, _1, _2, _3, _4;
        public int Count { get; private set; }

        /// <summary>The score the fifth place holds (0 while fewer than five are placed).</summary>
        public readonly int Fifth => Count == 5 ? _4.Score : 0;

        /// <summary>Whether <paramref name="j"/> took a place (candidates may come in any order).</summary>
        public bool Offer(int j, int score)
        {
            if (score < 3) return false;
            Span<(int Index, int Score)> best = [_0, _1, _2, _3, _4];
            var k = Count;
            while (k > 0 && (best[k - 1].Score < score || (best[k - 1].Score == score && best[k - 1].Index > j))) k--;
            if (k >= 5) return false;
            for (var m = Math.Min(Count, 4); m > k; m--) best[m] = best[m - 1];
            best[k] = (j, score);
            if (Count < 5) Count++;
            (_0, _1, _2, _3, _4) = (best[0], best[1], best[2], best[3], best[4]);
            return true;
        }

        public readonly List<CaseStudy> Cases(List<CaseStudy> cases)
        {
            ReadOnlySpan<(int Index, int Score)> best = [_0, _1, _2, _3, _4];
            var result = new List<CaseStudy>(Count);
            for (var k = 0; k < Count; k++) result.Add(cases[best[k].Index]);
            return result;
        }
    }
}
