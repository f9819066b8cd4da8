using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Validation;

/// <summary>One rule over the loaded content. Validators report every problem they find.</summary>
public interface IContentValidator
{
    void Validate(SiteContent content, DiagnosticBag diagnostics);
}

public static class ContentValidation
{
    /// <summary>Order matters only where a validator resolves data later ones use (terms first).</summary>
    public static readonly IReadOnlyList<IContentValidator> All =
    [
        new DuplicateIdValidator(),
        new TermValidator(),
        new VolumeReferenceValidator(),
        new CaseReferenceValidator(),
        new ChecklistTermValidator(),
        new PrivacyLint(),
    ];

    public static void Run(SiteContent content, DiagnosticBag diagnostics)
    {
        foreach (var v in All) v.Validate(content, diagnostics);
    }
}

/// <summary>Resolves each case's elements, pillars and tags; unknown terms of closed vocabularies are errors.</summary>
public sealed class TermValidator : IContentValidator
{
    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        // Cases using the same open tag share one term object.
        var tags = content.Taxonomies["tags"];
        var tagTerms = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var c in content.Cases)
            Resolve(content, c, diagnostics, t => tagTerms.TryGetValue(t, out var existing) ? existing : tagTerms[t] = OpenTerm(tags, t));
    }

    /// <summary>Resolves one case's terms as <see cref="Validate"/> would (serve, after that case alone was
    /// edited). Open tags compare by value, so a term built here equals the one a whole-site pass shares.</summary>
    public static void ResolveCase(SiteContent content, CaseStudy c, DiagnosticBag diagnostics) =>
        Resolve(content, c, diagnostics, t => OpenTerm(content.Taxonomies["tags"], t));

    private static void Resolve(SiteContent content, CaseStudy c, DiagnosticBag diagnostics, Func<string, Term> openTag)
    {
        c.Elements = ResolveClosed(content.Taxonomies["elements"], c.ElementRefs, diagnostics);
        c.Pillars = ResolveClosed(content.Taxonomies["pillars"], c.PillarRefs, diagnostics);
        var tags = content.Taxonomies["tags"];
        c.Tags = tags.Closed
            ? ResolveClosed(tags, c.TagRefs, diagnostics)
            : c.TagRefs.Select(r => TextNormalizer.Tag(r.Raw)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(openTag).ToList();
    }

    private static Term OpenTerm(Taxonomy tags, string normalized) =>
        tags.Terms.FirstOrDefault(t => TextNormalizer.Tag(t.Label) == normalized || t.Id == normalized)
        ?? new Term(tags.Id, normalized, normalized, normalized, "", null);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Taxonomy, Dictionary<string, Term>> Keys = new();

    /// <summary>The first term (in declared order) whose id, label, short label or number matches.</summary>
    public static Term? Find(Taxonomy taxonomy, string raw) =>
        Keys.GetValue(taxonomy, BuildKeys).GetValueOrDefault(TextNormalizer.Tag(raw));

    /// <summary>Every name of every term, normalised once; earlier terms win, as a scan in order would.</summary>
    private static Dictionary<string, Term> BuildKeys(Taxonomy taxonomy)
    {
        var keys = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var t in taxonomy.Terms)
        {
            keys.TryAdd(t.Id, t);
            keys.TryAdd(TextNormalizer.Tag(t.Label), t);
            keys.TryAdd(TextNormalizer.Tag(t.Short), t);
            if (t.Number is int n)
            {
                keys.TryAdd(n.ToString(System.Globalization.CultureInfo.InvariantCulture), t);
                keys.TryAdd(Wareki.CircledNumber(n), t);
            }
        }
        return keys;
    }

    private static List<Term> ResolveClosed(Taxonomy taxonomy, List<TermRef> refs, DiagnosticBag diagnostics)
    {
        var result = new List<Term>();
        foreach (var r in refs)
        {
            var term = Find(taxonomy, r.Raw);
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
}

public sealed class DuplicateIdValidator : IContentValidator
{
    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        Check(content.Cases.Select(c => (c.Id, Span: c.IdSpan)), "事例", diagnostics);
        Check(content.Lessons.Select(l => (l.Id, Span: new SourceSpan(l.SourcePath, 1, 1))), "教材", diagnostics);
        Check(content.Pages.Select(p => (p.Id, Span: new SourceSpan(p.SourcePath, 1, 1))), "ページ", diagnostics);
        Check(content.Checklists.Select(c => (c.Id, Span: new SourceSpan(c.SourcePath, 1, 1))), "チェックリスト", diagnostics);
    }

    private static void Check(IEnumerable<(string Id, SourceSpan Span)> items, string kind, DiagnosticBag diagnostics)
    {
        foreach (var g in items.GroupBy(x => x.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = g.First();
            foreach (var dup in g.Skip(1))
                diagnostics.Error(DiagnosticCodes.DuplicateId,
                    $"{kind}の ID「{g.Key}」が重複しています（{first.Span.Path} でも使われています）。", dup.Span);
        }
    }
}

public sealed class VolumeReferenceValidator : IContentValidator
{
    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var ids = content.Volumes.Select(v => v.Id).ToList();
        var idSet = ids.ToHashSet(StringComparer.Ordinal);
        void Check(string? id, SourceSpan span)
        {
            if (id is null || idSet.Contains(id)) return;
            diagnostics.Error(DiagnosticCodes.UnknownVolume,
                $"巻「{id}」は casebook.yml の volumes にありません。{NearestMatch.Suggest(id, ids)}", span);
        }
        foreach (var c in content.Cases) Check(c.VolumeId, c.VolumeSpan);
        foreach (var p in content.Pages) Check(p.VolumeId, p.VolumeSpan);
        foreach (var g in content.Glossaries) Check(g.VolumeId, g.VolumeSpan);

        // A volume's table of contents and its cases' volume field must agree.
        var byId = content.Cases.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        var casesByVolume = content.Cases.Where(c => c.VolumeId is not null).ToLookup(c => c.VolumeId!, StringComparer.Ordinal);
        foreach (var v in content.Volumes)
        {
            foreach (var (caseId, span) in v.CaseOrder)
            {
                if (!byId.TryGetValue(caseId, out var c))
                {
                    if (!content.UnreadCaseIds.Contains(caseId))
                        diagnostics.Error(DiagnosticCodes.UnknownCase,
                        $"巻「{v.Id}」の目次にある事例「{caseId}」が見つかりません。{NearestMatch.Suggest(caseId, byId.Keys)}", span);
                }
                else if (c.VolumeId != v.Id)
                    diagnostics.Error(DiagnosticCodes.VolumeMismatch,
                        $"事例「{caseId}」は巻「{v.Id}」の目次にありますが、事例の volume は「{c.VolumeId ?? "（なし）"}」です。", span);
            }
            var listed = v.CaseOrder.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var c in casesByVolume[v.Id].Where(c => !listed.Contains(c.Id)))
                diagnostics.Warning(DiagnosticCodes.VolumeMismatch,
                    $"事例「{c.Id}」は巻「{v.Id}」に属していますが、casebook.yml の目次（cases）にありません。目次の最後に並べます。", c.VolumeSpan);
        }
    }
}

/// <summary>Case ids named by lessons must exist.</summary>
public sealed class CaseReferenceValidator : IContentValidator
{
    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var ids = content.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var l in content.Lessons)
            foreach (var r in l.RelatedCaseRefs.Concat(l.Blocks.SelectMany(b => b.Items).SelectMany(i => i.CaseRefs)))
                if (!ids.Contains(r.Raw) && !content.UnreadCaseIds.Contains(r.Raw))
                    diagnostics.Error(DiagnosticCodes.UnknownCase, $"事例「{r.Raw}」が見つかりません。{NearestMatch.Suggest(r.Raw, ids)}", r.Span);
    }
}

/// <summary>Checklist items point at taxonomy terms (elements/3, tags/研修) to recommend cases.</summary>
public sealed class ChecklistTermValidator : IContentValidator
{
    public void Validate(SiteContent content, DiagnosticBag diagnostics)
    {
        var usedTags = content.Cases.SelectMany(c => c.Tags).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var cl in content.Checklists)
            foreach (var item in cl.Items)
            {
                item.Terms = new List<Term>();
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
                        if (!usedTags.Contains(tag))
                            diagnostics.Warning(DiagnosticCodes.UnknownTerm,
                                $"タグ「{tag}」の事例がありません。{NearestMatch.Suggest(tag, usedTags)}", r.Span);
                        item.Terms.Add(new Term(tax.Id, tag, tag, tag, "", null));
                        continue;
                    }
                    var term = TermValidator.Find(tax, termKey);
                    if (term is null)
                        diagnostics.Error(DiagnosticCodes.UnknownTerm,
                            $"「{termKey}」は {tax.Label}（{tax.Id}）にない語です。{NearestMatch.Suggest(termKey, tax.Terms.Select(t => t.Label))}", r.Span);
                    else item.Terms.Add(term);
                }
            }
    }
}
