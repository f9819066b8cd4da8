using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Rendering.Markdown.Extensions.Abbreviations;

namespace Casebook.Core.Rendering;

/// <summary>略字表記: the abbreviations each case may use — its volume's glossary first, then the site-wide
/// glossaries — each linked to where it is explained.</summary>
public sealed class GlossaryAbbreviations
{
    private readonly Dictionary<string, AbbreviationSet> _byVolume = new(StringComparer.Ordinal);
    private readonly AbbreviationSet _siteWide;

    public GlossaryAbbreviations(SiteGraph graph)
    {
        var glossaryUrl = graph.Links.Glossary.Url;
        var siteWide = graph.Content.SiteGlossaries.SelectMany(g => g.Entries)
            .Select(e => new AbbreviationTarget(e, glossaryUrl + "#" + Anchor(e.Abbr))).ToList();
        _siteWide = new AbbreviationSet(siteWide);
        foreach (var v in graph.Volumes)
        {
            var volumeUrl = graph.Links.Volume(v.Id).Url;
            var own = v.GlossaryEntries
                .Select(e => new AbbreviationTarget(e, volumeUrl + "#" + Anchor(e.Abbr)));
            // Most volumes have no glossary of their own: they share the site-wide set (and its compiled pattern).
            _byVolume[v.Id] = own.Any() ? new AbbreviationSet(own.Concat(siteWide)) : _siteWide;
        }
    }

    public AbbreviationSet For(CaseStudy c) =>
        c.Volume is not null && _byVolume.TryGetValue(c.Volume.Id, out var set) ? set : _siteWide;

    /// <summary>The id of a glossary entry on its page (#g-…).</summary>
    public static string Anchor(string abbr) => "g-" + Permalinks.Slug(abbr);
}
