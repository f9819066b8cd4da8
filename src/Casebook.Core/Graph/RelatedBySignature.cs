using Casebook.Core.Model;

namespace Casebook.Core.Graph;

/// <summary>Related cases for many cases at once, with the same result as scoring every case through every shared term
/// (<see cref="RelatedCases"/>). Walking the long term lists (the seven elements, the pillars: thousands of cases each)
/// for every case cost most of the graph stage. Here the broad terms are counted per case once, cases with the same broad
/// terms share a signature, and a case's broad score is worked out per signature; only the short lists are walked. A case
/// sharing nothing but broad terms competes through its signature's first members, in site order.</summary>
internal static class RelatedBySignature
{
    /// <summary>Null when the terms do not suit the method (no broad term, too many, too many signatures, or a term
    /// listed over and over).</summary>
    public static List<(int Index, List<CaseStudy> Related)>? TryCompute(List<CaseStudy> cases, List<int> only,
        Dictionary<Term, (int Weight, int[] Cases)> weights)
    {
        var n = cases.Count;
        // Broad: on more than a quarter of the cases (the elements and pillars of a real archive). Counting more terms as
        // broad would split the cases into so many signatures that scoring them costs more than the lists saved.
        var broadLength = Math.Max(8, n / 4);
        var broad = new Dictionary<Term, int>();
        var broadLists = new List<int[]>();
        foreach (var (t, (_, list)) in weights)
            if (list.Length > broadLength) { broad[t] = broadLists.Count; broadLists.Add(list); }
        var k = broadLists.Count;
        if (k == 0 || k > 64) return null;

        // Each case's count of every broad term, then one signature per distinct count vector.
        var counts = new byte[n * k];
        for (var b = 0; b < k; b++)
            foreach (var j in broadLists[b])
                if (++counts[j * k + b] == byte.MaxValue) return null;
        var signatureOf = new int[n];
        var bySignature = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        var signatureCounts = new List<byte>();
        Span<char> key = stackalloc char[k];
        for (var j = 0; j < n; j++)
        {
            for (var b = 0; b < k; b++) key[b] = (char)counts[j * k + b];
            var text = new string(key);
            if (!bySignature.TryGetValue(text, out var s))
            {
                bySignature[text] = s = members.Count;
                members.Add(new List<int>());
                signatureCounts.AddRange(counts.AsSpan(j * k, k));
            }
            signatureOf[j] = s;
            members[s].Add(j);
        }
        var sigCount = members.Count;
        if (sigCount > n / 4) return null;
        var sigCounts = signatureCounts.ToArray();
        var sigMembers = members.Select(m => m.ToArray()).ToArray();

        var top = new List<CaseStudy>[only.Count];
        Parallel.For(0, only.Count,
            () => new Scratch(n, sigCount),
            (o, _, local) =>
            {
                var i = only[o];
                var scores = local.Scores;
                var touched = local.Touched;
                var broadWeight = local.BroadWeight;
                broadWeight.Clear();
                foreach (var t in cases[i].AllTerms)
                {
                    var (weight, list) = weights[t];
                    if (broad.TryGetValue(t, out var b)) { broadWeight.Add((b, weight)); continue; }
                    foreach (var j in list)
                    {
                        if (j == i) continue;
                        if (scores[j] == 0) touched.Add(j);
                        scores[j] += weight;
                    }
                }

                // The broad part of the score of every signature, and the signatures grouped by it (a counting sort).
                var sigScore = local.SignatureScore;
                var max = 0;
                for (var s = 0; s < sigCount; s++)
                {
                    var score = 0;
                    foreach (var (b, w) in broadWeight) score += w * sigCounts[s * k + b];
                    sigScore[s] = score;
                    if (score > max) max = score;
                }

                var best = new RelatedCases.Best();
                foreach (var j in touched) best.Offer(j, scores[j] + sigScore[signatureOf[j]]);

                if (max >= 3)
                {
                    var start = local.BucketStart(max + 2);
                    for (var s = 0; s < sigCount; s++) start[sigScore[s] + 1]++;
                    for (var v = 1; v <= max + 1; v++) start[v] += start[v - 1];
                    var order = local.Order;
                    var fill = local.BucketFill(max + 1);
                    start.AsSpan(0, max + 1).CopyTo(fill);
                    for (var s = 0; s < sigCount; s++) order[fill[sigScore[s]]++] = s;

                    // From the highest broad score down; a score under the fifth place's cannot enter any more.
                    for (var v = max; v >= 3 && !(best.Count == 5 && best.Fifth > v); v--)
                        for (var at = start[v]; at < start[v + 1]; at++)
                            foreach (var j in sigMembers[order[at]])
                            {
                                if (j == i || scores[j] != 0) continue;   // itself, or already offered with its full score
                                if (!best.Offer(j, v)) break;            // later members come later in site order: none would enter
                            }
                }

                top[o] = best.Cases(cases);
                foreach (var j in touched) scores[j] = 0;
                touched.Clear();
                return local;
            },
            _ => { });
        return only.Select((i, o) => (i, top[o])).ToList();
    }

    /// <summary>One thread's working arrays, reused from case to case.</summary>
    private sealed class Scratch(int cases, int signatures)
    {
        public readonly int[] Scores = new int[cases];
        public readonly List<int> Touched = new();
        public readonly List<(int Broad, int Weight)> BroadWeight = new();
        public readonly int[] SignatureScore = new int[signatures];
        public readonly int[] Order = new int[signatures];
        private int[] _start = [];
        private int[] _fill = [];

        public int[] BucketStart(int length)
        {
            if (_start.Length < length) _start = new int[length];
            Array.Clear(_start, 0, length);
            return _start;
        }

        public int[] BucketFill(int length)
        {
            if (_fill.Length < length) _fill = new int[length];
            return _fill;
        }
    }
}
