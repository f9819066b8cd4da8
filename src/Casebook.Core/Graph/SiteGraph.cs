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

    public CaseStudy? Previous(CaseStudy c) => Neighbour(c, -1);
    public CaseStudy? Next(CaseStudy c) => Neighbour(c, +1);

    private CaseStudy? Neighbour(CaseStudy c, int step)
    {
        if (c.VolumeId is null || !VolumeCases.TryGetValue(c.VolumeId, out var list)) return null;
        var i = list.IndexOf(c) + step;
        return i >= 0 && i < list.Count ? list[i] : null;
    }

    public int CaseNumber(CaseStudy c) =>
        c.VolumeId is not null && VolumeCases.TryGetValue(c.VolumeId, out var list) ? list.IndexOf(c) + 1 : 0;

    public Volume? VolumeOf(CaseStudy c) => c.VolumeId is null ? null : Volumes.FirstOrDefault(v => v.Id == c.VolumeId);

    public IEnumerable<Permalink> AllCasePermalinks() => Cases.Select(c => Links.Case(c.Id));
}

public static class SiteGraphBuilder
{
    public static SiteGraph Build(SiteContent content, bool includeDrafts)
    {
        var links = new Permalinks(content.Settings.BasePath);
        var published = content.Cases.Where(c => includeDrafts || !c.Draft)
            .GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var byId = published.ToDictionary(c => c.Id, StringComparer.Ordinal);

        var volumes = content.Volumes.OrderByDescending(v => v.FiscalYear).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
        var volumeCases = new Dictionary<string, List<CaseStudy>>(StringComparer.Ordinal);
        foreach (var v in volumes)
        {
            var ordered = v.CaseOrder.Select(o => byId.GetValueOrDefault(o.Id)).Where(c => c is not null && c.VolumeId == v.Id).Select(c => c!).Distinct().ToList();
            ordered.AddRange(published.Where(c => c.VolumeId == v.Id && !ordered.Contains(c)).OrderBy(c => c.Id, StringComparer.Ordinal));
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
            .GroupBy(c => (c.Region.Prefecture, c.Region.City))
            .OrderBy(g => g.Key.Prefecture, StringComparer.Ordinal).ThenBy(g => g.Key.City, StringComparer.Ordinal)
            .Select(g =>
            {
                var name = string.Join(" ", new[] { g.Key.Prefecture, g.Key.City }.Where(s => s.Length > 0));
                return new RegionGroup(name, new Region(g.Key.Prefecture, g.Key.City, ""), links.For("regions", name), g.ToList());
            }).ToList();

        var lessons = content.Lessons.Where(l => includeDrafts || !l.Draft).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        var pages = content.Pages.Where(p => includeDrafts || !p.Draft).OrderBy(p => p.Order).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var glossary = content.Glossaries.SelectMany(g => g.Entries)
            .GroupBy(e => e.Abbr, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(e => e.Abbr, StringComparer.Ordinal).ToList();

        return new SiteGraph
        {
            Content = content, Links = links, Cases = cases, CasesById = byId, Volumes = volumes, VolumeCases = volumeCases,
            TermCases = termCases, TaxonomyTerms = taxonomyTerms, Related = RelatedCases(cases),
            Organizations = organizations, Regions = regions, Lessons = lessons, Pages = pages,
            Checklists = content.Checklists.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(), Glossary = glossary,
        };
    }

    /// <summary>Up to five cases sharing the most terms; tags weigh more than the broad elements and pillars.</summary>
    private static Dictionary<string, List<CaseStudy>> RelatedCases(List<CaseStudy> cases)
    {
        var byTerm = new Dictionary<Term, List<int>>();
        for (var i = 0; i < cases.Count; i++)
            foreach (var t in cases[i].AllTerms)
                (byTerm.TryGetValue(t, out var l) ? l : byTerm[t] = new()).Add(i);

        var result = new Dictionary<string, List<CaseStudy>>(StringComparer.Ordinal);
        var scores = new int[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            Array.Clear(scores);
            foreach (var t in cases[i].AllTerms)
            {
                var weight = t.Taxonomy == "tags" ? 3 : t.Taxonomy == "pillars" ? 2 : 1;
                // Very common terms say little about relatedness.
                if (byTerm[t].Count > Math.Max(20, cases.Count / 4)) weight = Math.Max(1, weight / 2);
                foreach (var j in byTerm[t]) if (j != i) scores[j] += weight;
            }
            var top = Enumerable.Range(0, cases.Count).Where(j => scores[j] >= 3)
                .OrderByDescending(j => scores[j]).ThenBy(j => j).Take(5).Select(j => cases[j]).ToList();
            result[cases[i].Id] = top;
        }
        return result;
    }
}
