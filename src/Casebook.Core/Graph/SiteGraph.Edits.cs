using Casebook.Core.Model;

namespace Casebook.Core.Graph;

/// <summary>The graph after serve's edit of one case, made from the graph before it by touching only the lists that hold
/// the case: rendering the edited page must not wait for every case of the site to be grouped again. Each result equals
/// what <see cref="SiteGraphBuilder.Build"/> makes from the edited content (tests compare the sites they render).</summary>
public sealed partial class SiteGraph
{
    private Dictionary<CaseStudy, int>? _position;

    /// <summary>Each published case's index in <see cref="Cases"/>.</summary>
    public IReadOnlyDictionary<CaseStudy, int> Position
    {
        get
        {
            if (_position is not null) return _position;
            var d = new Dictionary<CaseStudy, int>(Cases.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < Cases.Count; i++) d.TryAdd(Cases[i], i);
            return _position = d;
        }
    }

    /// <summary>The same graph with <paramref name="old"/> replaced by <paramref name="updated"/>, for an edit that changes
    /// neither the case's place nor its terms (body, title, summary…): every list keeps its order, lists without the case
    /// are shared, permalinks and the site map (which holds ids, not cases) are reused.</summary>
    public SiteGraph WithCase(CaseStudy old, CaseStudy updated, SiteContent? content = null) =>
        Edit(old, updated, content ?? Content.WithCase(old, updated), termsChanged: false);

    /// <summary>The graph after an edit of <paramref name="old"/>'s terms only (same volume, year, organization and region,
    /// still published): the case leaves the case lists of the terms it lost and joins those of the terms it gained at its
    /// place in the site's order, open taxonomies are ordered again, and related cases are computed again only for the cases
    /// having a term some case gained or lost, and the case itself (see <see cref="SiteGraphBuilder"/>).</summary>
    public SiteGraph WithTerms(CaseStudy old, CaseStudy updated, SiteContent content) => Edit(old, updated, content, termsChanged: true);

    private SiteGraph Edit(CaseStudy old, CaseStudy updated, SiteContent content, bool termsChanged)
    {
        List<CaseStudy> Swap(List<CaseStudy> list)
        {
            var i = list.IndexOf(old);
            if (i < 0) return list;
            var copy = new List<CaseStudy>(list);
            for (; i < copy.Count; i++) if (ReferenceEquals(copy[i], old)) copy[i] = updated;
            return copy;
        }
        var published = CasesById.GetValueOrDefault(old.Id) is { } p && ReferenceEquals(p, old);
        var byId = CasesById;
        var volumeCases = VolumeCases;
        var termCases = TermCases;
        var related = new Dictionary<string, List<CaseStudy>>(Related.Count, StringComparer.Ordinal);
        foreach (var (id, list) in Related) related[id] = Swap(list);
        var organizations = Organizations;
        var regions = Regions;
        var taxonomyTerms = TaxonomyTerms;
        // Lookups of cases this edit does not touch are shared.
        var (position, positionInVolume, organizationOf, regionOf) = (_position, _positionInVolume, _organizationOf, _regionOf);
        if (published)
        {
            byId = new Dictionary<string, CaseStudy>(CasesById, StringComparer.Ordinal) { [old.Id] = updated };
            position = Replaced(Position, old, updated);
            positionInVolume = Replaced(PositionInVolume, old, updated);
            if (old.VolumeId is not null && VolumeCases.TryGetValue(old.VolumeId, out var inVolume))
                volumeCases = new Dictionary<string, List<CaseStudy>>(VolumeCases, StringComparer.Ordinal) { [old.VolumeId] = Swap(inVolume) };
            termCases = new Dictionary<Term, List<CaseStudy>>(TermCases);
            foreach (var t in old.AllTerms.Distinct())
                if (termCases.TryGetValue(t, out var list)) termCases[t] = termsChanged ? list.Where(c => !ReferenceEquals(c, old)).ToList() : Swap(list);
            if (OrganizationOf(old) is { } org)
            {
                var swapped = org with { Cases = Swap(org.Cases) };
                organizations = Organizations.Select(o => ReferenceEquals(o, org) ? swapped : o).ToList();
                organizationOf = Regrouped(_organizationOf!, old, swapped, swapped.Cases);
            }
            if (RegionOf(old) is { } region)
            {
                var swapped = region with { Cases = Swap(region.Cases) };
                regions = Regions.Select(r => ReferenceEquals(r, region) ? swapped : r).ToList();
                regionOf = Regrouped(_regionOf!, old, swapped, swapped.Cases);
            }
        }
        var cases = Swap(Cases);
        if (published && termsChanged)
        {
            var at = position![updated];
            foreach (var group in updated.AllTerms.GroupBy(t => t))
            {
                // The lists of the terms the case had were copied above without it; a new term's list starts empty.
                var list = termCases.TryGetValue(group.Key, out var l) ? (old.AllTerms.Contains(group.Key) ? l : new List<CaseStudy>(l)) : [];
                var i = 0;
                while (i < list.Count && position[list[i]] < at) i++;
                list.InsertRange(i, Enumerable.Repeat(updated, group.Count()));
                termCases[group.Key] = list;
            }
            foreach (var t in old.AllTerms.Distinct())
                if (termCases.TryGetValue(t, out var list) && list.Count == 0) termCases.Remove(t);
            taxonomyTerms = new Dictionary<string, List<Term>>(TaxonomyTerms, StringComparer.Ordinal);
            foreach (var id in old.AllTerms.Concat(updated.AllTerms).Select(t => t.Taxonomy).Distinct(StringComparer.Ordinal))
                if (content.Taxonomies.TryGetValue(id, out var tax) && !tax.Closed) taxonomyTerms[id] = SiteGraphBuilder.OpenTerms(termCases, id);
            var redo = SiteGraphBuilder.RelatedToRedo(old, updated, termCases, position);
            if (redo.Count > 0)
                foreach (var (i, list) in RelatedCases.Compute(cases, redo, termCases, position)) related[cases[i].Id] = list;
        }
        return new SiteGraph
        {
            // Same ids in the same places: the site map stays as it is unless a term's listing changed.
            _map = termsChanged ? null : _map,
            _position = position, _positionInVolume = positionInVolume,
            _organizationOf = organizationOf, _regionOf = regionOf,
            Content = content, Links = Links, Cases = cases, CasesById = byId, Volumes = Volumes,
            VolumeCases = volumeCases, TermCases = termCases, TaxonomyTerms = taxonomyTerms, Related = related,
            Organizations = organizations, Regions = regions,
            Lessons = Lessons, Pages = Pages, Checklists = Checklists, Glossary = Glossary,
        }.Freeze();
    }

    private static Dictionary<CaseStudy, int> Replaced(IReadOnlyDictionary<CaseStudy, int> d, CaseStudy old, CaseStudy updated)
    {
        var copy = new Dictionary<CaseStudy, int>(d, ReferenceEqualityComparer.Instance);
        if (copy.Remove(old, out var value)) copy[updated] = value;
        return copy;
    }

    /// <summary>Case → group after a group was replaced by <paramref name="swapped"/>: its cases (each case is in one group)
    /// point at the new record.</summary>
    private static Dictionary<CaseStudy, T> Regrouped<T>(Dictionary<CaseStudy, T> d, CaseStudy old, T swapped, List<CaseStudy> members)
    {
        var copy = new Dictionary<CaseStudy, T>(d, ReferenceEqualityComparer.Instance);
        copy.Remove(old);
        foreach (var c in members) copy[c] = swapped;
        return copy;
    }
}
