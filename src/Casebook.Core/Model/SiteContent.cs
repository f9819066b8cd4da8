namespace Casebook.Core.Model;

/// <summary>Everything loaded from casebook.yml and input/, before the graph is built.</summary>
public sealed class SiteContent
{
    public required string SourceRoot { get; init; }
    public required SiteSettings Settings { get; init; }
    public required Dictionary<string, Taxonomy> Taxonomies { get; init; }
    public required List<Volume> Volumes { get; init; }
    public List<CaseStudy> Cases { get; } = new();
    public List<Lesson> Lessons { get; } = new();
    public List<Page> Pages { get; } = new();
    public List<Checklist> Checklists { get; } = new();
    public List<Glossary> Glossaries { get; } = new();
    /// <summary>The glossaries naming no volume: they apply to every case. Bound by Binding.ContentBinder.</summary>
    public List<Glossary> SiteGlossaries { get; internal set; } = new();
    public List<(string RelativePath, string FullPath)> Assets { get; } = new();
    /// <summary>The photos of <see cref="Assets"/> as published (sizes, smaller copies); set by the images stage.</summary>
    public Imaging.ImageCatalog Images { get; set; } = Imaging.ImageCatalog.Empty;

    /// <summary>Ids of case files that exist but could not be read (a diagnostic on the file says
    /// why). References to them are not reported again as unknown cases or broken links: the one
    /// error that matters is the file's own.</summary>
    public HashSet<string> UnreadCaseIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The same content with <paramref name="old"/> replaced by <paramref name="updated"/> (serve, after
    /// one case file was edited); everything else is shared.</summary>
    public SiteContent WithCase(CaseStudy old, CaseStudy updated)
    {
        var content = new SiteContent { SourceRoot = SourceRoot, Settings = Settings, Taxonomies = Taxonomies, Volumes = Volumes };
        content.Cases.AddRange(Cases.Select(c => ReferenceEquals(c, old) ? updated : c));
        content.Lessons.AddRange(Lessons);
        content.Pages.AddRange(Pages);
        content.Checklists.AddRange(Checklists);
        content.Glossaries.AddRange(Glossaries);
        content.SiteGlossaries = SiteGlossaries;
        content.Assets.AddRange(Assets);
        content.Images = Images;
        content.UnreadCaseIds.UnionWith(UnreadCaseIds);
        return content;
    }
}
