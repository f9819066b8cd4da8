using Casebook.Core.Model;

namespace Casebook.Core.Graph;

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
        var publishedByVolume = published.Where(c => c.Volume is not null).ToLookup(c => c.Volume!);
        foreach (var v in volumes)
        {
            var ordered = v.CaseOrder.Select(o => byId.GetValueOrDefault(o.Id)).Where(c => c is not null && c.Volume == v).Select(c => c!).Distinct().ToList();
            var inOrder = ordered.ToHashSet(ReferenceEqualityComparer.Instance);
            ordered.AddRange(publishedByVolume[v].Where(c => !inOrder.Contains(c)).OrderBy(c => c.Id, StringComparer.Ordinal));
            volumeCases[v.Id] = ordered;
        }

        // Site-wide case order: volumes newest first in their own order, then cases outside volumes.
        var cases = volumes.SelectMany(v => volumeCases[v.Id])
            .Concat(published.Where(c => c.Volume is null || !volumeCases.ContainsKey(c.Volume.Id))
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
            TermCases = termCases, TaxonomyTerms = taxonomyTerms, Related = ReusedRelated(previous, cases, byId) ?? RelatedCases.Compute(cases),
            Organizations = organizations, Regions = regions, Lessons = lessons, Pages = pages,
            Checklists = content.Checklists.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(), Glossary = glossary,
        }.Freeze();
    }

    /// <summary>Related cases after an edit, from <paramref name="previous"/>'s, when every case keeps its place (so ties,
    /// the size of the site and hence the "very common" threshold are the same). A case's list is computed again only
    /// when it has a term whose membership changed (a term some case gained or lost): no other term's case list or
    /// weight changed, and a case without such a term shares exactly the same terms with every case as it did before the edit, so
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
        foreach (var (i, list) in RelatedCases.Compute(cases, redo.ToList())) related[cases[i].Id] = list;
        return related;
    }
}
