using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Editing;

/// <summary><c>casebook tags import</c>: the readers' suggestions of one or more マイタグ exports, merged per case
/// (a reader counts once however many files name them) and sorted into new, already there and near-duplicates
/// of the site's tags. Ids the site does not have are errors.</summary>
public sealed class TagImportPlan
{
    public required List<CaseImport> Cases { get; init; }
    public required int Readers { get; init; }

    public static TagImportPlan Build(SiteContent content, CaseTermEditor editor, IReadOnlyList<ReaderExport> exports, DiagnosticBag diagnostics)
    {
        var byId = content.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in exports.SelectMany(e => e.Readers))
            if (!names.TryGetValue(r.Id, out var name) || name.Length == 0) names[r.Id] = r.Name;
        string NameOf(string id) => names.GetValueOrDefault(id) is { Length: > 0 } n ? n : id;

        foreach (var e in exports.Where(e => e.SiteTitle.Length > 0 && e.SiteTitle != content.Settings.Title))
            diagnostics.Warning(DiagnosticCodes.ReaderExportOtherSite,
                $"別のサイト（{e.SiteTitle}）の書き出しです。このサイトは「{content.Settings.Title}」です。事例の ID が同じものだけを取り込みます。", SourceSpan.File(e.Path));

        var suggested = new SortedDictionary<string, Dictionary<string, HashSet<string>>>(StringComparer.Ordinal);
        var notes = new Dictionary<string, List<ReaderNote>>(StringComparer.Ordinal);
        foreach (var c in exports.SelectMany(e => e.Cases))
        {
            if (!byId.ContainsKey(c.Id))
            {
                var message = content.UnreadCaseIds.Contains(c.Id)
                    ? $"事例「{c.Id}」のファイルに誤りがあるため取り込めません。先に casebook check で直してください。"
                    : $"事例「{c.Id}」はこのサイトにありません。{NearestMatch.Suggest(c.Id, byId.Keys)}";
                diagnostics.Error(DiagnosticCodes.ReaderExportUnknownCase, message, c.Span);
                continue;
            }
            if (!suggested.TryGetValue(c.Id, out var tags)) suggested[c.Id] = tags = new(StringComparer.Ordinal);
            foreach (var t in c.Tags)
            {
                if (!tags.TryGetValue(t.Tag, out var who)) tags[t.Tag] = who = new(StringComparer.Ordinal);
                who.UnionWith(t.Readers);
            }
            var list = notes.TryGetValue(c.Id, out var l) ? l : notes[c.Id] = new();
            foreach (var n in c.Notes.Where(n => n.Text.Length > 0))
            {
                var note = new ReaderNote(NameOf(n.Reader), n.Text);
                if (!list.Contains(note)) list.Add(note);
            }
        }

        var siteTags = content.Taxonomies[TaxonomyIds.Tags].Terms.Select(t => t.Label)
            .Concat(content.Cases.SelectMany(c => c.TagRefs).Select(r => TextNormalizer.Tag(r.Raw)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var siteKeys = siteTags.Select(t => editor.KeyOf(TaxonomyIds.Tags, t)).ToHashSet(StringComparer.Ordinal);

        var cases = new List<CaseImport>();
        foreach (var (id, tags) in suggested)
        {
            var c = byId[id];
            var caseKeys = c.TagRefs.Select(r => editor.KeyOf(TaxonomyIds.Tags, r.Raw)).ToHashSet(StringComparer.Ordinal);
            var caseTags = c.TagRefs.Select(r => r.Raw).ToList();
            // Spellings readers wrote differently (ICT / ict, 地区 社協 / 地区社協) are one suggestion: the
            // spelling most readers used, counted with all of them.
            var merged = tags.GroupBy(kv => TagReport.LooseKey(kv.Key), StringComparer.Ordinal).Select(g =>
            {
                var spelling = g.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
                return (Tag: spelling, Readers: g.SelectMany(kv => kv.Value).ToHashSet(StringComparer.Ordinal).Count);
            });
            var list = new List<TagSuggestion>();
            foreach (var (tag, readers) in merged)
            {
                var key = editor.KeyOf(TaxonomyIds.Tags, tag);
                if (caseKeys.Contains(key)) list.Add(new(tag, readers, SuggestionKind.AlreadyThere));
                else if (siteKeys.Contains(key)) list.Add(new(tag, readers, SuggestionKind.New));
                else if (caseTags.Concat(siteTags).FirstOrDefault(s => TagReport.AreNearDuplicates(tag, s)) is { } existing)
                    list.Add(new(tag, readers, SuggestionKind.NearDuplicate, existing));
                else list.Add(new(tag, readers, SuggestionKind.New));
            }
            list.Sort((a, b) => b.Readers != a.Readers ? b.Readers.CompareTo(a.Readers) : string.CompareOrdinal(a.Tag, b.Tag));
            cases.Add(new CaseImport(c, list, notes.GetValueOrDefault(id) ?? []));
        }
        var readerCount = exports.SelectMany(e => e.Readers).Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
        return new TagImportPlan { Cases = cases, Readers = readerCount };
    }
}
