using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

public static class ChecklistLoader
{
    public static Checklist? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var fm = YamlMap.Parse(source.Text, source.Path, 1, diagnostics);
        if (fm is null) return null;
        var id = fm.String("id") ?? ContentLoader.IdFromFile(source.Path);
        var idOk = CaseLoader.CheckId(id, fm, source.Path, diagnostics);
        var title = fm.String("title", "題名");
        var scale = new List<ScaleOption>();
        foreach (var s in fm.MapList("scale"))
        {
            var label = s.String("label", "選択肢の表示名");
            var sid = s.String("id") ?? label;
            var score = s.Number("score");
            var description = s.String("description") ?? "";
            s.ReportUnknownKeys();
            if (label is not null && sid is not null) scale.Add(new ScaleOption(sid, label, score, description));
        }
        if (scale.Count < 2)
            diagnostics.Error(scale.Count == 0 && !fm.Has("scale") ? DiagnosticCodes.MissingField : DiagnosticCodes.InvalidValue,
                "「scale」に選択肢を2つ以上書いてください（例: できている / 一部できている / できていない / わからない）。", fm.SpanOf("scale"));
        var items = new List<ChecklistItem>();
        var itemIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var it in fm.MapList("items"))
        {
            var label = it.String("label", "項目の表示名");
            var iid = it.String("id") ?? $"item-{items.Count + 1}";
            if (!itemIds.Add(iid))
                diagnostics.Error(DiagnosticCodes.DuplicateId, $"項目 ID「{iid}」が重複しています。", it.SpanOf("id"));
            var item = new ChecklistItem(iid, label ?? "", it.String("guidance") ?? "", it.String("good") ?? "", CaseLoader.Refs(it, "terms"));
            it.ReportUnknownKeys();
            if (label is not null) items.Add(item);
        }
        if (items.Count == 0)
            diagnostics.Error(DiagnosticCodes.MissingField, "「items」にチェック項目を1つ以上書いてください。", fm.SpanOf("items"));
        var checklist = new Checklist
        {
            Id = id, SourcePath = source.Path, Title = title ?? "", Level = fm.String("level") ?? "",
            Audience = fm.String("audience") ?? "", Description = fm.String("description") ?? "",
            NotesLabel = fm.String("notes_label") ?? "現在の取組", Scale = scale, Items = items,
        };
        fm.ReportUnknownKeys();
        return title is null || !idOk || scale.Count < 2 || items.Count == 0 ? null : checklist;
    }
}
