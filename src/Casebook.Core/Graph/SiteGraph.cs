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

    private SiteMap? _map;

    /// <summary>Every page and export of the site (<see cref="SiteMapBuilder"/>), made on first use: serve renders the
    /// edited case's page before it needs the site map.</summary>
    public SiteMap Map => LazyInitializer.EnsureInitialized(ref _map, () => SiteMapBuilder.Build(this));

    // Lookups built once so per-case questions are O(1), not scans over every case or volume.
    private Dictionary<CaseStudy, int>? _positionInVolume;
    private Dictionary<CaseStudy, Organization>? _organizationOf;
    private Dictionary<CaseStudy, RegionGroup>? _regionOf;

    /// <summary>Index of each case in its volume's table of contents (the first place, as IndexOf finds it).</summary>
    private Dictionary<CaseStudy, int> PositionInVolume
    {
        get
        {
            if (_positionInVolume is not null) return _positionInVolume;
            var d = new Dictionary<CaseStudy, int>(ReferenceEqualityComparer.Instance);
            foreach (var (id, list) in VolumeCases)
                for (var i = 0; i < list.Count; i++)
                    if (list[i].Volume?.Id == id) d.TryAdd(list[i], i);
            return _positionInVolume = d;
        }
    }

    public CaseStudy? Previous(CaseStudy c) => Neighbour(c, -1);
    public CaseStudy? Next(CaseStudy c) => Neighbour(c, +1);

    private CaseStudy? Neighbour(CaseStudy c, int step)
    {
        if (c.Volume is null || !VolumeCases.TryGetValue(c.Volume.Id, out var list)) return null;
        var i = IndexInVolume(c, list) + step;
        return i >= 0 && i < list.Count ? list[i] : null;
    }

    private int IndexInVolume(CaseStudy c, List<CaseStudy> list) =>
        PositionInVolume.TryGetValue(c, out var i) && i < list.Count && ReferenceEquals(list[i], c) ? i : list.IndexOf(c);

    public int CaseNumber(CaseStudy c) =>
        c.Volume is not null && VolumeCases.TryGetValue(c.Volume.Id, out var list) ? IndexInVolume(c, list) + 1 : 0;

    public Volume? VolumeOf(CaseStudy c) => c.Volume;

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
        _ = PositionInVolume;
        _organizationOf ??= Index(Organizations, o => o.Cases);
        _regionOf ??= Index(Regions, r => r.Cases);
        return this;
    }

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
        // Same ids in the same places: the site map (which holds ids, not cases) stays as it is.
        return new SiteGraph
        {
            _map = _map,
            Content = content, Links = Links, Cases = Swap(Cases), CasesById = byId, Volumes = Volumes,
            VolumeCases = SwapAll(VolumeCases, StringComparer.Ordinal), TermCases = SwapAll(TermCases, null),
            TaxonomyTerms = TaxonomyTerms, Related = SwapAll(Related, StringComparer.Ordinal),
            Organizations = Organizations.Select(o => o.Cases.Contains(old) ? o with { Cases = Swap(o.Cases) } : o).ToList(),
            Regions = Regions.Select(r => r.Cases.Contains(old) ? r with { Cases = Swap(r.Cases) } : r).ToList(),
            Lessons = Lessons, Pages = Pages, Checklists = Checklists, Glossary = Glossary,
        }.Freeze();
    }
}
