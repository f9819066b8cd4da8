using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Binding;

/// <summary>The stage between loading and validation: resolves what the writer named (each case's elements, pillars
/// and tags, each checklist item's terms) against the taxonomies of casebook.yml, and the volume each case, page and
/// glossary names against its volumes. A name that resolves to nothing is reported here, with the names that exist;
/// validators then only read the resolved model.</summary>
public static class ContentBinder
{
    public static void Bind(SiteContent content, DiagnosticBag diagnostics)
    {
        BindVolumes(content, diagnostics);
        // Cases using the same open tag share one term object.
        var tags = content.Taxonomies[TaxonomyIds.Tags];
        var tagTerms = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var c in content.Cases)
            BindTerms(content, c, diagnostics, t => tagTerms.TryGetValue(t, out var existing) ? existing : tagTerms[t] = OpenTerm(tags, t));
        foreach (var checklist in content.Checklists)
            foreach (var item in checklist.Items)
                item.Terms = ChecklistItemTerms(content, item, diagnostics);
    }

    /// <summary>Binds one case's terms as <see cref="Bind"/> would (serve, after that case alone was edited).
    /// Open tags compare by value, so a term built here equals the one a whole-site pass shares.</summary>
    public static void BindCase(SiteContent content, CaseStudy c, DiagnosticBag diagnostics)
    {
        c.Volume = Volume(content, c.VolumeId, c.VolumeSpan, diagnostics);
        BindTerms(content, c, diagnostics, t => OpenTerm(content.Taxonomies[TaxonomyIds.Tags], t));
    }

    /// <summary>A case whose front matter is unchanged names what its earlier version named.</summary>
    public static void KeepBinding(CaseStudy updated, CaseStudy old) =>
        (updated.Volume, updated.Elements, updated.Pillars, updated.Tags) = (old.Volume, old.Elements, old.Pillars, old.Tags);

    private static void BindVolumes(SiteContent content, DiagnosticBag diagnostics)
    {
        foreach (var v in content.Volumes) v.Glossaries = new();
        foreach (var c in content.Cases) c.Volume = Volume(content, c.VolumeId, c.VolumeSpan, diagnostics);
        foreach (var p in content.Pages) p.Volume = Volume(content, p.VolumeId, p.VolumeSpan, diagnostics);
        foreach (var g in content.Glossaries)
        {
            g.Volume = Volume(content, g.VolumeId, g.VolumeSpan, diagnostics);
            g.Volume?.Glossaries.Add(g);
        }
        content.SiteGlossaries = content.Glossaries.Where(g => g.VolumeId is null).ToList();
    }

    /// <summary>The volume <paramref name="id"/> names (the first declared, when casebook.yml repeats an id).</summary>
    private static Volume? Volume(SiteContent content, string? id, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (id is null) return null;
        foreach (var v in content.Volumes) if (v.Id == id) return v;
        diagnostics.Error(DiagnosticCodes.UnknownVolume,
            $"巻「{id}」は casebook.yml の volumes にありません。{NearestMatch.Suggest(id, content.Volumes.Select(v => v.Id))}", span);
        return null;
    }

    private static void BindTerms(SiteContent content, CaseStudy c, DiagnosticBag diagnostics, Func<string, Term> openTag)
    {
        c.Elements = ResolveClosed(content.Taxonomies[TaxonomyIds.Elements], c.ElementRefs, diagnostics);
        c.Pillars = ResolveClosed(content.Taxonomies[TaxonomyIds.Pillars], c.PillarRefs, diagnostics);
        var tags = content.Taxonomies[TaxonomyIds.Tags];
        c.Tags = tags.Closed ? ResolveClosed(tags, c.TagRefs, diagnostics) : OpenTags(tags, c.TagRefs, diagnostics, openTag);
    }

    /// <summary>A case's open tags, each once. A tag names its page's folder (tags/ID/): one too long for a folder name is
    /// CB1107 at the tag (a declared term's id is what counts, not the label written).</summary>
    private static List<Term> OpenTags(Taxonomy tags, List<TermRef> refs, DiagnosticBag diagnostics, Func<string, Term> openTag)
    {
        var result = new List<Term>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in refs)
        {
            var key = TextNormalizer.Tag(r.Raw);
            if (key.Length == 0 || !seen.Add(key)) continue;
            var term = openTag(key);
            if (FolderName.Bytes(term.Id) > FolderName.MaxBytes && !tags.Terms.Contains(term))   // a declared one is reported in casebook.yml
                ConfigLoader.CheckNameLength(term.Id, $"{tags.Label}（{tags.Id}）の語", r.Span, diagnostics);
            result.Add(term);
        }
        return result;
    }

    private static Term OpenTerm(Taxonomy tags, string normalized) =>
        tags.Terms.FirstOrDefault(t => TextNormalizer.Tag(t.Label) == normalized || t.Id == normalized)
        ?? new Term(tags.Id, normalized, normalized, normalized, "", null);

    private static List<Term> ResolveClosed(Taxonomy taxonomy, List<TermRef> refs, DiagnosticBag diagnostics)
    {
        var result = new List<Term>();
        foreach (var r in refs)
        {
            var term = TermLookup.Find(taxonomy, r.Raw);
            if (term is null)
            {
                var names = taxonomy.Numbered
                    ? string.Join("・", taxonomy.Terms.Select(t => t.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    : string.Join("・", taxonomy.Terms.Select(t => t.Label));
                var suggestion = taxonomy.Numbered && int.TryParse(r.Raw, out _) ? ""
                    : NearestMatch.Suggest(r.Raw, taxonomy.Terms.Select(t => t.Label).Concat(taxonomy.Terms.Select(t => t.Id)));
                diagnostics.Error(DiagnosticCodes.UnknownTerm,
                    $"「{r.Raw}」は {taxonomy.Label}（{taxonomy.Id}）にない語です。{suggestion}使える語: {names}", r.Span);
                continue;
            }
            if (!result.Contains(term)) result.Add(term);
        }
        if (taxonomy.Numbered) result.Sort((a, b) => (a.Number ?? 0).CompareTo(b.Number ?? 0));
        else result.Sort((a, b) => taxonomy.Terms.IndexOf(a).CompareTo(taxonomy.Terms.IndexOf(b)));
        return result;
    }

    /// <summary>A checklist item names terms as "taxonomy/term" (elements/3, tags/研修) to recommend cases.
    /// An open tag needs no declaration: whether any case uses it is the validator's question.</summary>
    private static List<Term> ChecklistItemTerms(SiteContent content, ChecklistItem item, DiagnosticBag diagnostics)
    {
        var terms = new List<Term>();
        foreach (var r in item.TermRefs)
        {
            var slash = r.Raw.IndexOf('/');
            var taxId = slash > 0 ? r.Raw[..slash] : "";
            var termKey = slash > 0 ? r.Raw[(slash + 1)..] : r.Raw;
            if (!content.Taxonomies.TryGetValue(taxId, out var tax))
            {
                diagnostics.Error(DiagnosticCodes.UnknownTaxonomy,
                    $"「{r.Raw}」は「分類/語」の形で書いてください（例: elements/3、tags/研修）。{NearestMatch.Suggest(taxId, content.Taxonomies.Keys)}", r.Span);
                continue;
            }
            if (!tax.Closed)
            {
                var tag = TextNormalizer.Tag(termKey);
                terms.Add(new Term(tax.Id, tag, tag, tag, "", null));
                continue;
            }
            var term = TermLookup.Find(tax, termKey);
            if (term is null)
                diagnostics.Error(DiagnosticCodes.UnknownTerm,
                    $"「{termKey}」は {tax.Label}（{tax.Id}）にない語です。{NearestMatch.Suggest(termKey, tax.Terms.Select(t => t.Label))}", r.Span);
            else terms.Add(term);
        }
        return terms;
    }
}
