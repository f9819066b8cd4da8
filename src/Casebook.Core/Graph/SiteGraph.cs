using Casebook.Core.Model;

namespace Casebook.Core.Graph;

public sealed record Organization(string Name, Permalink Link, List<CaseStudy> Cases);
public sealed record RegionGroup(string Name, Region Region, Permalink Link, List<CaseStudy> Cases);

/// <summary>Stage 3: the published site as a graph — ordered cases, volumes, term pages,
/// related cases and permalinks. Built once; rendering only reads it.</summary>
public sealed class SiteGraph
{
    public required SiteContent Content { get; init; }
    public required Permalinks Links { get; init; }
    public SiteSettings Settings => Content.Settings;
    public required List<CaseStudy> Cases { get; init; }
    public required Dictionary<string, CaseStudy> CasesById { get; init; }
    public required List<Volume> Volumes { get; init; }                    // newest first
    public required Dictionary<string, List<CaseStudy>> VolumeCases { get; init; }
    public required Dictionary<Term, List<CaseStudy>> TermCases { get; init; }
    public required Dictionary<string, List<Term>> TaxonomyTerms { get; init; }  // terms in display order, used ones only for open
    public required Dictionary<string, List<CaseStudy>> Related { get; init; }
    public required List<Organization> Organizations { get; init; }
    public required List<RegionGroup> Regions { get; init; }
    public required List<Lesson> Lessons { get; init; }
    public required List<Page> Pages { get; init; }
    public required List<Checklist> Checklists { get; init; }
    public required List<GlossaryEntry> Glossary { get; init; }

    // Lookups built once so per-case questions are O(1), not scans over every case or volume.
    private Dictionary<string, Volume>? _volumesById;
    private Dictionary<CaseStudy, int>? _positionInVolume;
    private Dictionary<CaseStudy, Organization>? _organizationOf;
    private Dictionary<CaseStudy, RegionGroup>? _regionOf;

    private Dictionary<string, Volume> VolumesById =>
        _volumesById ??= Volumes.GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Index of each case in its volume's table of contents (the first place, as IndexOf finds it).</summary>
    private Dictionary<CaseStudy, int> PositionInVolume
    {
        get
        {
            if (_positionInVolume is not null) return _positionInVolume;
            var d = new Dictionary<CaseStudy, int>(ReferenceEqualityComparer.Instance);
            foreach (var (id, list) in VolumeCases)
                for (var i = 0; i < list.Count; i++)
                    if (list[i].VolumeId == id) d.TryAdd(list[i], i);
            return _positionInVolume = d;
        }
    }

    public CaseStudy? Previous(CaseStudy c) => Neighbour(c, -1);
    public CaseStudy? Next(CaseStudy c) => Neighbour(c, +1);

    private CaseStudy? Neighbour(CaseStudy c, int step)
    {
        if (c.VolumeId is null || !VolumeCases.TryGetValue(c.VolumeId, out var list)) return null;
        var i = IndexInVolume(c, list) + step;
        return i >= 0 && i < list.Count ? list[i] : null;
    }

    private int IndexInVolume(CaseStudy c, List<CaseStudy> list) =>
        PositionInVolume.TryGetValue(c, out var i) && i < list.Count && ReferenceEquals(list[i], c) ? i : list.IndexOf(c);

    public int CaseNumber(CaseStudy c) =>
        c.VolumeId is not null && VolumeCases.TryGetValue(c.VolumeId, out var list) ? IndexInVolume(c, list) + 1 : 0;

    public Volume? VolumeOf(CaseStudy c) => c.VolumeId is null ? null : VolumesById.GetValueOrDefault(c.VolumeId);

    /// <summary>The organization page listing the case (every published case has one).</summary>
    public Organization? OrganizationOf(CaseStudy c) =>
        (_organizationOf ??= Index(Organizations, o => o.Cases)).GetValueOrDefault(c);

    /// <summary>The region page listing the case, or null when the case has no region.</summary>
    public RegionGroup? RegionOf(CaseStudy c) =>
        (_regionOf ??= Index(Regions, r => r.Cases)).GetValueOrDefault(c);

    /// <summary>Case → first group (in list order) containing it, as a First(g => g.Cases.Contains(c)) scan would find.</summary>
    private static Dictionary<CaseStudy, T> Index<T>(List<T> groups, Func<T, List<CaseStudy>> cases)
    {
        var d = new Dictionary<CaseStudy, T>(ReferenceEqualityComparer.Instance);
        foreach (var g in groups)
            foreach (var c in cases(g)) d.TryAdd(c, g);
        return d;
    }

    /// <summary>Builds the lookups now, so parallel readers never race to build them.</summary>
    public SiteGraph Freeze()
    {
        _ = VolumesById;
        _ = PositionInVolume;
        _organizationOf ??= Index(Organizations, o => o.Cases);
        _regionOf ??= Index(Regions, r => r.Cases);
        return this;
    }

    public IEnumerable<Permalink> AllCasePermalinks() => Cases.Select(c => Links.Case(c.Id));

    /// <summary>The same graph with <paramref name="old"/> replaced by <paramref name="updated"/> everywhere it
    /// appears, for an edit that changes neither the case's place nor its terms (only its body): every list
    /// keeps its order, lists without the case are shared, permalinks are reused.</summary>
    public SiteGraph WithCase(CaseStudy old, CaseStudy updated)
    {
        List<CaseStudy> Swap(List<CaseStudy> list)
        {
            var i = list.IndexOf(old);
            if (i < 0) return list;
            var copy = new List<CaseStudy>(list);
            for (; i < copy.Count; i++) if (ReferenceEquals(copy[i], old)) copy[i] = updated;
            return copy;
        }
        Dictionary<TKey, List<CaseStudy>> SwapAll<TKey>(Dictionary<TKey, List<CaseStudy>> d, IEqualityComparer<TKey>? comparer) where TKey : notnull
        {
            var copy = new Dictionary<TKey, List<CaseStudy>>(d.Count, comparer);
            foreach (var (k, list) in d) copy[k] = Swap(list);
            return copy;
        }
        var content = Content.WithCase(old, updated);
        var byId = new Dictionary<string, CaseStudy>(CasesById, StringComparer.Ordinal);
        if (byId.TryGetValue(updated.Id, out var was) && ReferenceEquals(was, old)) byId[updated.Id] = updated;
        return new SiteGraph
        {
            Content = content, Links = Links, Cases = Swap(Cases), CasesById = byId, Volumes = Volumes,
            VolumeCases = SwapAll(VolumeCases, StringComparer.Ordinal), TermCases = SwapAll(TermCases, null),
            TaxonomyTerms = TaxonomyTerms, Related = SwapAll(Related, StringComparer.Ordinal),
            Organizations = Organizations.Select(o => o.Cases.Contains(old) ? o with { Cases = Swap(o.Cases) } : o).ToList(),
            Regions = Regions.Select(r => r.Cases.Contains(old) ? r with { Cases = Swap(r.Cases) } : r).ToList(),
            Lessons = Lessons, Pages = Pages, Checklists = Checklists, Glossary = Glossary,
        }.Freeze();
    }
}

public static class SiteGraphBuilder
{
    /// <param name="previous">A graph of the same site before an edit: its related cases are reused when every
    /// case is in the same place with the same terms (they are computed from nothing else).</param>
    public static SiteGraph Build(SiteContent content, bool includeDrafts, SiteGraph? previous = null)
    {
        var links = new Permalinks(content.Settings.BasePath);
        var published = content.Cases.Where(c => includeDrafts || !c.Draft)
            .GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var byId = published.ToDictionary(c => c.Id, StringComparer.Ordinal);

        var volumes = content.Volumes.OrderByDescending(v => v.FiscalYear).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
        var volumeCases = new Dictionary<string, List<CaseStudy>>(StringComparer.Ordinal);
        var publishedByVolume = published.Where(c => c.VolumeId is not null).ToLookup(c => c.VolumeId!, StringComparer.Ordinal);
        foreach (var v in volumes)
        {
            var ordered = v.CaseOrder.Select(o => byId.GetValueOrDefault(o.Id)).Where(c => c is not null && c.VolumeId == v.Id).Select(c => c!).Distinct().ToList();
            var inOrder = ordered.ToHashSet(ReferenceEqualityComparer.Instance);
            ordered.AddRange(publishedByVolume[v.Id].Where(c => !inOrder.Contains(c)).OrderBy(c => c.Id, StringComparer.Ordinal));
            volumeCases[v.Id] = ordered;
        }

        // Site-wide case order: volumes newest first in their own order, then cases outside volumes.
        var cases = volumes.SelectMany(v => volumeCases[v.Id])
            .Concat(published.Where(c => c.VolumeId is null || !volumeCases.ContainsKey(c.VolumeId))
                .OrderByDescending(c => c.FiscalYear).ThenBy(c => c.Id, StringComparer.Ordinal))
            .ToList();

        var termCases = new Dictionary<Term, List<CaseStudy>>();
        foreach (var c in cases)
            foreach (var t in c.AllTerms)
                (termCases.TryGetValue(t, out var l) ? l : termCases[t] = new()).Add(c);

        var taxonomyTerms = new Dictionary<string, List<Term>>(StringComparer.Ordinal);
        foreach (var (id, tax) in content.Taxonomies)
        {
            var terms = tax.Closed
                ? tax.Terms.ToList()
                : termCases.Keys.Where(t => t.Taxonomy == id)
                    .OrderByDescending(t => termCases[t].Count).ThenBy(t => t.Label, StringComparer.Ordinal).ToList();
            taxonomyTerms[id] = terms;
        }

        var organizations = cases.GroupBy(c => c.Organization, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Organization(g.Key, links.For("organizations", g.Key), g.ToList())).ToList();
        var regions = cases.Where(c => !c.Region.IsEmpty)
            .GroupBy(c => (c.Region.Prefecture, c.Region.Area, c.Region.City))
            .OrderBy(g => g.Key.Prefecture, StringComparer.Ordinal).ThenBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g =>
            {
                var region = new Region(g.Key.Prefecture, g.Key.City, "", g.Key.Area);
                return new RegionGroup(region.Display, region, links.For("regions", region.Display), g.ToList());
            }).ToList();

        var lessons = content.Lessons.Where(l => includeDrafts || !l.Draft).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        var pages = content.Pages.Where(p => includeDrafts || !p.Draft).OrderBy(p => p.Order).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var glossary = content.Glossaries.SelectMany(g => g.Entries)
            .GroupBy(e => e.Abbr, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(e => e.Abbr, StringComparer.Ordinal).ToList();

        return new SiteGraph
        {
            Content = content, Links = links, Cases = cases, CasesById = byId, Volumes = volumes, VolumeCases = volumeCases,
            TermCases = termCases, TaxonomyTerms = taxonomyTerms, Related = ReusedRelated(previous, cases, byId) ?? RelatedCases(cases),
            Organizations = organizations, Regions = regions, Lessons = lessons, Pages = pages,
            Checklists = content.Checklists.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(), Glossary = glossary,
        }.Freeze();
    }

    /// <summary>Related cases after an edit, from <paramref name="previous"/>'s, when every case keeps its place (so ties,
    /// the size of the site and hence the "very common" threshold are the same). A case's list is computed again only
    /// when it has a term whose membership changed (a term some case gained or lost): no other term's case list or
    /// weight changed, and a case without such a term shares exactly the same terms with every case as before, so
    /// its scores, and its five best, are the same. The cases whose terms changed are computed again too. Null (compute all) when some case moved, came or went.</summary>
    private static Dictionary<string, List<CaseStudy>>? ReusedRelated(SiteGraph? previous, List<CaseStudy> cases, Dictionary<string, CaseStudy> byId)
    {
        if (previous is null || previous.Cases.Count != cases.Count) return null;
        var changedTerms = new HashSet<Term>();
        var redo = new SortedSet<int>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (was, now) = (previous.Cases[i], cases[i]);
            if (was.Id != now.Id) return null;
            if (ReferenceEquals(was, now) || was.AllTerms.SequenceEqual(now.AllTerms)) continue;
            redo.Add(i);   // the edited case itself, even when it only lost terms
            var before = was.AllTerms.ToList();
            var after = now.AllTerms.ToList();
            var changed = before.ToHashSet();
            // A term listed twice counts twice: with repeats, every term of either side counts as changed.
            if (changed.Count == before.Count && after.Distinct().Count() == after.Count) changed.SymmetricExceptWith(after);
            else changed.UnionWith(after);
            changedTerms.UnionWith(changed);
        }
        var related = new Dictionary<string, List<CaseStudy>>(cases.Count, StringComparer.Ordinal);
        foreach (var (id, list) in previous.Related) related[id] = list.Select(r => byId[r.Id]).ToList();
        if (redo.Count == 0) return related;
        for (var i = 0; i < cases.Count; i++)
            if (cases[i].AllTerms.Any(changedTerms.Contains)) redo.Add(i);
        foreach (var (i, list) in RelatedCases(cases, redo.ToList())) related[cases[i].Id] = list;
        return related;
    }

    /// <summary>Up to five cases sharing the most terms; tags weigh more than the broad elements and pillars.
    /// Ties go to the case listed first. Only cases sharing a term are scored, and the top five are picked
    /// without sorting, so the work grows with the shared terms, not with the square of the site.</summary>
    internal static Dictionary<string, List<CaseStudy>> RelatedCases(List<CaseStudy> cases)
    {
        var all = RelatedCases(cases, Enumerable.Range(0, cases.Count).ToList());
        var related = new Dictionary<string, List<CaseStudy>>(cases.Count, StringComparer.Ordinal);
        foreach (var (i, list) in all) related[cases[i].Id] = list;
        return related;
    }

    /// <summary>The related cases of <c>cases[i]</c> for each i of <paramref name="only"/> (scores from the whole site).</summary>
    internal static List<(int Index, List<CaseStudy> Related)> RelatedCases(List<CaseStudy> cases, List<int> only)
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
            var weight = t.Taxonomy == "tags" ? 3 : t.Taxonomy == "pillars" ? 2 : 1;
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
