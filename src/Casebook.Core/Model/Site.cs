using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed record SiteSettings(
    string Title,
    string Description,
    string BaseUrl,      // absolute origin + path, ends with '/', or "" when not configured
    string BasePath,     // path part of BaseUrl, starts and ends with '/'
    string Author,
    bool AllowRawHtml,
    bool RequireAlt = false);   // an image without alt text is an error instead of a warning

public sealed record Term(
    string Taxonomy,
    string Id,           // stable key and URL slug
    string Label,
    string Short,
    string Description,
    int? Number)
{
    /// <summary>① 記録と共有 for numbered terms, the label otherwise.</summary>
    public string Display => Number is int n ? $"{Text.Wareki.CircledNumber(n)} {Label}" : Label;
}

public sealed class Taxonomy
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required bool Closed { get; init; }
    public required bool Numbered { get; init; }
    public required List<Term> Terms { get; init; }
    public SourceSpan Span { get; init; }
}

public sealed record Person(string Name, string Organization, string Role);

public sealed class Volume
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Subtitle { get; init; } = "";
    public required string Publisher { get; init; }
    public required int FiscalYear { get; init; }
    public int? Number { get; init; }
    public required List<(string Id, SourceSpan Span)> CaseOrder { get; init; }
    public SourceSpan Span { get; init; }

    // From input/volumes/<id>.md
    public string ForewordTitle { get; set; } = "はじめに";
    public string ForewordMarkdown { get; set; } = "";
    public int ForewordFirstLine { get; set; }
    public string? ForewordPath { get; set; }
    public List<Person> Contributors { get; set; } = new();
    public string Colophon { get; set; } = "";

    public string NumberLabel => Number is int n ? $"第{n}集" : "";
}

public sealed record Region(string Prefecture, string City, string Ward)
{
    public string Display => string.Join(" ", new[] { Prefecture, City, Ward }.Where(s => s.Length > 0));
    public bool IsEmpty => Prefecture.Length == 0 && City.Length == 0 && Ward.Length == 0;
}

public sealed record Voice(string Speaker, string Role, string Text);

public sealed record TermRef(string Raw, SourceSpan Span);

public sealed class CaseStudy
{
    /// <summary>The whole file as read; the privacy lint scans it with positions.</summary>
    public string RawText { get; init; } = "";
    public List<string> PrivacyAck { get; init; } = new();
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Subtitle { get; init; } = "";
    public string Summary { get; init; } = "";
    public required string Organization { get; init; }
    public List<string> Authors { get; init; } = new();
    public Region Region { get; init; } = new("", "", "");
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    public required int FiscalYear { get; init; }
    public List<TermRef> ElementRefs { get; init; } = new();
    public List<TermRef> PillarRefs { get; init; } = new();
    public List<TermRef> TagRefs { get; init; } = new();
    public List<KeyValuePair<string, string>> Profile { get; init; } = new();
    public string ProfileAsOf { get; init; } = "";
    public List<Voice> Voices { get; init; } = new();
    public string Source { get; init; } = "";
    public bool Draft { get; init; }
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public SourceSpan IdSpan { get; init; }

    // Resolved by validation against the taxonomies.
    public List<Term> Elements { get; set; } = new();
    public List<Term> Pillars { get; set; } = new();
    public List<Term> Tags { get; set; } = new();
    public IEnumerable<Term> AllTerms => Elements.Concat(Pillars).Concat(Tags);
}

public sealed record LessonItem(string Title, string Subtitle, string Text, List<TermRef> CaseRefs);
public sealed record LessonBlock(string Type, string Title, List<LessonItem> Items);

public sealed class Lesson
{
    /// <summary>The whole file as read; the privacy lint scans it with positions.</summary>
    public string RawText { get; init; } = "";
    public List<string> PrivacyAck { get; init; } = new();
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string Source { get; init; } = "";
    public List<TermRef> RelatedCaseRefs { get; init; } = new();
    public List<LessonBlock> Blocks { get; init; } = new();
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public bool Draft { get; init; }
}

public sealed class Page
{
    /// <summary>The whole file as read; the privacy lint scans it with positions.</summary>
    public string RawText { get; init; } = "";
    public List<string> PrivacyAck { get; init; } = new();
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    public int Order { get; init; }
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public bool Draft { get; init; }
}

public sealed record ScaleOption(string Id, string Label, double? Score, string Description);

public sealed record ChecklistItem(string Id, string Label, string Guidance, string Good, List<TermRef> TermRefs)
{
    public List<Term> Terms { get; set; } = new();
}

public sealed class Checklist
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public string Level { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Description { get; init; } = "";
    public string NotesLabel { get; init; } = "現在の取組";
    public required List<ScaleOption> Scale { get; init; }
    public required List<ChecklistItem> Items { get; init; }
}

public sealed record GlossaryEntry(string Abbr, string Expansion, string Note, string SourcePath);

public sealed class Glossary
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public string Title { get; init; } = "用語集";
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    public required List<GlossaryEntry> Entries { get; init; }
}

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
        content.Assets.AddRange(Assets);
        content.Images = Images;
        content.UnreadCaseIds.UnionWith(UnreadCaseIds);
        return content;
    }
}
