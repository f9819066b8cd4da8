using Casebook.Core.Model;

namespace Casebook.Core.Graph;

public sealed record Organization(string Name, Permalink Link, List<CaseStudy> Cases);
public sealed record RegionGroup(string Name, Region Region, Permalink Link, List<CaseStudy> Cases);

/// <summary>Stage 3: the published site as a graph — ordered cases, volumes, term pages,
/// related cases and permalinks. Built once; rendering only reads it.</summary>
public sealed partial class SiteGraph
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
}
