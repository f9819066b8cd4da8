using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

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
    /// <summary>The volume as written in front matter; <see cref="Volume"/> is what it names.</summary>
    public string? VolumeId { get; init; }
    public SourceSpan VolumeSpan { get; init; }
    public required int FiscalYear { get; init; }
    public List<TermRef> ElementRefs { get; init; } = new();
    public List<TermRef> PillarRefs { get; init; } = new();
    public List<TermRef> TagRefs { get; init; } = new();
    /// <summary>As stated in front matter; null means the volume's default (see <see cref="MarkBases"/>).</summary>
    public MarkBasis? ElementsBasis { get; init; }
    public MarkBasis? PillarsBasis { get; init; }
    public List<KeyValuePair<string, string>> Profile { get; init; } = new();
    public string ProfileAsOf { get; init; } = "";
    public List<Voice> Voices { get; init; } = new();
    public string Source { get; init; } = "";
    public bool Draft { get; init; }
    public required string Markdown { get; init; }
    public int BodyFirstLine { get; init; }
    public SourceSpan IdSpan { get; init; }

    // Bound to the taxonomies' terms by Binding.ContentBinder; nothing else sets them.
    public List<Term> Elements { get; internal set; } = new();
    public List<Term> Pillars { get; internal set; } = new();
    public List<Term> Tags { get; internal set; } = new();
    public IEnumerable<Term> AllTerms => Elements.Concat(Pillars).Concat(Tags);

    /// <summary>The volume <see cref="VolumeId"/> names, bound by Binding.ContentBinder; null when none (or none declared).</summary>
    public Volume? Volume { get; internal set; }
}
