using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Rendering;

namespace Casebook.Core.PostProcessing;

/// <summary>Links written in content must reach a page, file or asset of the built site.</summary>
public static class LinkCheck
{
    public static void Run(SiteGraph g, List<InternalLink> links, DiagnosticBag diagnostics) =>
        Run(Targets(g), links, diagnostics, Unread(g));

    /// <summary>Pages of case files that could not be read: a link to one is not reported again, the
    /// file's own error says what is wrong.</summary>
    public static HashSet<string> Unread(SiteGraph g) =>
        g.Content.UnreadCaseIds.Select(id => Normalize(g.Links.Case(id).Path)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Everything a link may point at: the site map's pages and exports, and the assets.</summary>
    public static HashSet<string> Targets(SiteGraph g)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in g.Map.Pages) targets.Add(Normalize(p.Link.Path));
        foreach (var e in g.Map.Exports) targets.Add(Normalize(e.Link.Path));
        foreach (var (rel, _) in g.Content.Assets) targets.Add(Normalize("assets/" + rel));
        return targets;
    }

    public static void Run(HashSet<string> targets, List<InternalLink> links, DiagnosticBag diagnostics, HashSet<string>? unread = null)
    {
        foreach (var link in links)
        {
            var target = link.Target;
            var cut = target.IndexOfAny(['#', '?']);
            if (cut >= 0) target = target[..cut];
            var key = Normalize(Uri.UnescapeDataString(target.TrimStart('/')));
            if (targets.Contains(key) || unread?.Contains(key) == true) continue;
            var suggestion = Text.NearestMatch.Find(key, targets);
            diagnostics.Error(DiagnosticCodes.BrokenLink,
                $"リンク先「{link.Target}」がサイトにありません。{(suggestion is null ? "" : $"（もしかして「/{suggestion}」？）")}", link.Span);
        }
    }

    private static string Normalize(string path)
    {
        path = path.Normalize(System.Text.NormalizationForm.FormKC);
        if (path.EndsWith("index.html", StringComparison.Ordinal)) path = path[..^"index.html".Length];
        if (path.Length > 0 && !path.EndsWith('/') && !Path.HasExtension(path)) path += "/";
        return path;
    }
}
