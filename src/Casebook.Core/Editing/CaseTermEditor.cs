using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Text;
using Casebook.Core.Binding;

namespace Casebook.Core.Editing;

/// <summary>A term of one of the case taxonomies. <c>Key</c> identifies it (term id, or the normalised tag);
/// <c>Written</c> is how a new entry is written into front matter (element number, pillar label, tag).</summary>
public sealed record TermChoice(string Taxonomy, string Key, string Written, string Label);

/// <summary>Adds and removes a case's elements, pillars and tags through <see cref="FrontMatterEditor"/>,
/// validating the result before anything is written.</summary>
public sealed class CaseTermEditor(IReadOnlyDictionary<string, Taxonomy> taxonomies)
{
    public static readonly IReadOnlyList<string> Keys = TaxonomyIds.All;

    public IReadOnlyDictionary<string, Taxonomy> Taxonomies { get; } = taxonomies;

    /// <summary><c>elements/3</c>, <c>pillars/交流・居場所</c>, <c>tags/研修</c>, or a bare term: an element (number,
    /// ①, label) or pillar when one matches, a tag otherwise.</summary>
    public TermChoice Resolve(string spec)
    {
        var slash = spec.IndexOf('/');
        if (slash > 0 && Keys.Contains(spec[..slash]))
            return ResolveIn(spec[..slash], spec[(slash + 1)..]);
        foreach (var tax in new[] { TaxonomyIds.Elements, TaxonomyIds.Pillars })
            if (TermLookup.Find(Taxonomies[tax], spec) is { } t) return Choice(t);
        // A bare number names an element: one the vocabulary lacks is a mistake, not a new tag.
        if (Taxonomies[TaxonomyIds.Elements].Numbered && int.TryParse(TextNormalizer.Tag(spec), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            var numbers = string.Join("・", Taxonomies[TaxonomyIds.Elements].Terms.Select(x => x.Number));
            throw new FrontMatterEditException($"「{spec}」は {Taxonomies[TaxonomyIds.Elements].Label}（elements）の番号にありません（使える番号: {numbers}）。数字のテーマを加えるときは tags/{spec} と書いてください。");
        }
        return ResolveIn(TaxonomyIds.Tags, spec);
    }

    public TermChoice ResolveIn(string taxonomy, string raw)
    {
        if (!Taxonomies.TryGetValue(taxonomy, out var tax))
            throw new FrontMatterEditException($"分類「{taxonomy}」はありません（elements・pillars・tags のどれかです）。");
        var normalized = TextNormalizer.Tag(raw);
        if (normalized.Length == 0) throw new FrontMatterEditException("空の語は使えません。");
        if (TermLookup.Find(tax, raw) is { } t) return Choice(t);
        if (tax.Closed)
        {
            var names = tax.Terms.Select(x => x.Label).Concat(tax.Terms.Select(x => x.Id));
            throw new FrontMatterEditException($"「{raw}」は {tax.Label}（{tax.Id}）にない語です。{NearestMatch.Suggest(raw, names)}");
        }
        return new TermChoice(taxonomy, normalized, normalized, normalized);
    }

    private static TermChoice Choice(Term t) =>
        new(t.Taxonomy, t.Id, t.Number is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : t.Label, t.Display);

    /// <summary>The key an existing entry stands for (unknown closed terms stand for themselves).</summary>
    public string KeyOf(string taxonomy, string raw)
    {
        var tax = Taxonomies[taxonomy];
        return TermLookup.Find(tax, raw)?.Id ?? TextNormalizer.Tag(raw);
    }

    /// <summary>The case's current entries per taxonomy, as written.</summary>
    public Dictionary<string, List<string>> Read(byte[] bytes)
    {
        var doc = EditableDocument.Parse(bytes);
        return Keys.ToDictionary(k => k, doc.ReadList);
    }

    /// <summary>Sets the terms of the given taxonomies to <paramref name="desired"/>. Entries already there keep
    /// their place and spelling; new ones are appended. Returns the original bytes when nothing changes.</summary>
    public byte[] Apply(byte[] bytes, string displayPath, IReadOnlyDictionary<string, IReadOnlyList<TermChoice>> desired)
    {
        var current = Read(bytes);
        var lists = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var tax in Keys)
        {
            if (!desired.TryGetValue(tax, out var want)) continue;
            var wantKeys = want.Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var list = new List<string>();
            foreach (var raw in current[tax])
            {
                var key = KeyOf(tax, raw);
                if (wantKeys.Contains(key) && seen.Add(key)) list.Add(raw);
            }
            foreach (var w in want)
                if (seen.Add(w.Key)) list.Add(w.Written);
            lists.Add(new(tax, list));
        }
        var edited = FrontMatterEditor.SetLists(bytes, lists);
        if (!ReferenceEquals(edited, bytes)) Validate(bytes, edited, displayPath);
        return edited;
    }

    /// <summary>Adds and removes terms; returns the new bytes and the removals that matched nothing.</summary>
    public (byte[] Bytes, List<TermChoice> NotPresent) AddRemove(byte[] bytes, string displayPath, IEnumerable<TermChoice> add, IEnumerable<TermChoice> remove)
    {
        var current = Read(bytes);
        var desired = new Dictionary<string, IReadOnlyList<TermChoice>>();
        var notPresent = new List<TermChoice>();
        var adds = add.ToList();
        var removes = remove.ToList();
        foreach (var tax in Keys)
        {
            var taxAdds = adds.Where(a => a.Taxonomy == tax).ToList();
            var taxRemoves = removes.Where(r => r.Taxonomy == tax).ToList();
            if (taxAdds.Count == 0 && taxRemoves.Count == 0) continue;
            var existing = current[tax].Select(raw => new TermChoice(tax, KeyOf(tax, raw), raw, raw)).ToList();
            foreach (var r in taxRemoves)
                if (!existing.Any(e => e.Key == r.Key) && !taxAdds.Any(a => a.Key == r.Key)) notPresent.Add(r);
            var removeKeys = taxRemoves.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            desired[tax] = existing.Where(e => !removeKeys.Contains(e.Key)).Concat(taxAdds.Where(a => !removeKeys.Contains(a.Key))).ToList();
        }
        return (Apply(bytes, displayPath, desired), notPresent);
    }

    /// <summary>The edited file must load as a case with no error the original did not have, and every
    /// closed-vocabulary term must exist.</summary>
    private void Validate(byte[] before, byte[] after, string displayPath)
    {
        var beforeErrors = Errors(before, displayPath, out _);
        var afterErrors = Errors(after, displayPath, out var loaded);
        var added = afterErrors.Except(beforeErrors).ToList();
        if (added.Count > 0)
            throw new FrontMatterEditException("編集後の内容に誤りがあるため書き込みませんでした: " + string.Join(" / ", added));
        if (loaded is null) return;
        foreach (var (tax, refs) in new[] { (TaxonomyIds.Elements, loaded.ElementRefs), (TaxonomyIds.Pillars, loaded.PillarRefs), (TaxonomyIds.Tags, loaded.TagRefs) })
        {
            if (!Taxonomies[tax].Closed) continue;
            foreach (var r in refs)
                if (TermLookup.Find(Taxonomies[tax], r.Raw) is null && !Read(before)[tax].Contains(r.Raw))
                    throw new FrontMatterEditException($"「{r.Raw}」は {Taxonomies[tax].Label} にない語のため書き込みませんでした。");
        }
    }

    private static List<string> Errors(byte[] bytes, string displayPath, out CaseStudy? loaded)
    {
        var bag = new DiagnosticBag();
        loaded = null;
        var text = SourceReader.Decode(bytes, displayPath, bag);
        if (text is not null) loaded = CaseLoader.Load(new SourceText(displayPath, displayPath, text), bag);
        return bag.Sorted().Where(d => d.Severity == Severity.Error).Select(d => $"{d.Code}: {d.Message}").ToList();
    }

    /// <summary>Finds a case's file by id (front matter <c>id:</c> or file name) under input/cases/.</summary>
    public static string? FindCaseFile(string sourceRoot, string caseId)
    {
        var dir = Path.Combine(sourceRoot, "input", "cases");
        if (!Directory.Exists(dir)) return null;
        string? byName = null;
        foreach (var f in Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var id = ReadId(f);
            if (id == caseId) return f;
            if (id is null && Path.GetFileNameWithoutExtension(f) == caseId) byName ??= f;
        }
        return byName;
    }

    private static string? ReadId(string file)
    {
        try
        {
            var doc = EditableDocument.Parse(File.ReadAllBytes(file));
            return EditableDocument.Find(doc.Root(), "id")?.Value is YamlDotNet.RepresentationModel.YamlScalarNode s ? s.Value : null;
        }
        catch (Exception e) when (e is FrontMatterEditException or IOException or DecoderFallbackException) { return null; }
    }
}
