using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering.ViewModels;

namespace Casebook.Core.Rendering;

/// <summary>The cases a self-check item recommends to someone who is not there yet.</summary>
public sealed class ChecklistRecommendations(SiteGraph graph, Theme theme)
{
    /// <summary>Most recommended cases shown per checklist item; the item's term pages list the rest.</summary>
    public const int Max = 6;

    private Dictionary<CaseStudy, int>? _siteOrder;

    /// <summary>Cases carrying the item's terms, those matching more of its terms first (then in site order),
    /// each with a one-line reason naming the matching terms.</summary>
    public List<RecommendationVm> For(ChecklistItem item)
    {
        var matches = new Dictionary<CaseStudy, List<Term>>();
        var order = new List<CaseStudy>();
        foreach (var t in item.Terms)
        {
            if (!graph.TermCases.TryGetValue(t, out var cases)) continue;
            foreach (var c in cases)
            {
                if (!matches.TryGetValue(c, out var terms)) { matches[c] = terms = new List<Term>(); order.Add(c); }
                if (!terms.Contains(t)) terms.Add(t);
            }
        }
        var siteOrder = _siteOrder ??= graph.Cases.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return order.OrderByDescending(c => matches[c].Count).ThenBy(c => siteOrder.GetValueOrDefault(c, int.MaxValue))
            .Take(Max)
            .Select(c => new RecommendationVm(c.Title, graph.Links.Case(c.Id).Url, c.Organization, Why(matches[c], c)))
            .ToList();
    }

    private string Why(List<Term> terms, CaseStudy c)
    {
        var named = string.Join("、", terms.GroupBy(t => t.Taxonomy).Select(g =>
            graph.Content.Taxonomies[g.Key].Label + string.Concat(g.Select(t => $"「{t.Display}」"))));
        var gist = FirstSentence(c.Summary.Length > 0 ? c.Summary : c.Subtitle);
        return theme.T("recommendation_reason").Replace("{terms}", named, StringComparison.Ordinal) + gist;
    }

    private static string FirstSentence(string text)
    {
        text = text.Replace("\r", "").Replace("\n", "").Trim();
        var end = text.IndexOf('。');
        if (end >= 0) text = text[..(end + 1)];
        return text.Length > 80 ? text[..79] + "…" : text;
    }
}
