using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

public static class LessonLoader
{
    private static readonly string[] BlockTypes = ["cards", "steps", "list"];

    public static Lesson? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var doc = FrontMatter.Split(source, diagnostics);
        if (doc is null) return null;
        var fm = YamlMap.Parse(doc.Yaml, source.Path, doc.YamlFirstLine, diagnostics);
        if (fm is null) return null;
        var id = fm.String("id") ?? ContentLoader.IdFromFile(source.Path);
        var idOk = CaseLoader.CheckId(id, fm, source.Path, diagnostics);
        var title = fm.String("title", "題名");
        var blocks = new List<LessonBlock>();
        foreach (var b in fm.MapList("blocks"))
        {
            var type = b.String("type", "種類（cards / steps / list）") ?? "list";
            if (!BlockTypes.Contains(type))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue,
                    $"ブロックの種類「{type}」は使えません。cards / steps / list のどれかにしてください。{Text.NearestMatch.Suggest(type, BlockTypes)}",
                    b.SpanOf("type"));
                type = "list";
            }
            var items = new List<LessonItem>();
            foreach (var item in b.MapList("items"))
            {
                items.Add(new LessonItem(item.String("title", "見出し") ?? "", item.String("subtitle") ?? "",
                    item.String("text") ?? "", CaseLoader.Refs(item, "cases")));
                item.ReportUnknownKeys();
            }
            blocks.Add(new LessonBlock(type, b.String("title") ?? "", items));
            b.ReportUnknownKeys();
        }
        var lesson = new Lesson
        {
            Id = id, SourcePath = source.Path, Title = title ?? "", Summary = fm.String("summary") ?? "",
            Source = fm.String("source") ?? "", RelatedCaseRefs = CaseLoader.Refs(fm, "related_cases"),
            Blocks = blocks, Markdown = doc.Body, BodyFirstLine = doc.BodyFirstLine, Draft = fm.Bool("draft", false),
            RawText = source.Text, PrivacyAck = fm.StringList("privacy_ack"),
        };
        fm.ReportUnknownKeys();
        return title is null || !idOk ? null : lesson;
    }
}

public static class PageLoader
{
    public static Page? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var doc = FrontMatter.Split(source, diagnostics);
        if (doc is null) return null;
        var fm = YamlMap.Parse(doc.Yaml, source.Path, doc.YamlFirstLine, diagnostics);
        if (fm is null) return null;
        var id = fm.String("id") ?? ContentLoader.IdFromFile(source.Path);
        var idOk = CaseLoader.CheckId(id, fm, source.Path, diagnostics);
        var title = fm.String("title", "題名");
        var page = new Page
        {
            Id = id, SourcePath = source.Path, Title = title ?? "", Summary = fm.String("summary") ?? "",
            VolumeId = fm.String("volume"), VolumeSpan = fm.SpanOf("volume"), Order = fm.Int("order") ?? 0,
            Markdown = doc.Body, BodyFirstLine = doc.BodyFirstLine, Draft = fm.Bool("draft", false),
            RawText = source.Text, PrivacyAck = fm.StringList("privacy_ack"),
        };
        fm.ReportUnknownKeys();
        return title is null || !idOk ? null : page;
    }
}

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

public static class GlossaryLoader
{
    public static Glossary? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var fm = YamlMap.Parse(source.Text, source.Path, 1, diagnostics);
        if (fm is null) return null;
        var entries = new List<GlossaryEntry>();
        foreach (var e in fm.MapList("entries"))
        {
            var abbr = e.String("abbr", "略語");
            var expansion = e.String("expansion", "正式名称");
            var note = e.String("note") ?? "";
            e.ReportUnknownKeys();
            if (abbr is not null && expansion is not null) entries.Add(new GlossaryEntry(abbr.Trim(), expansion.Trim(), note, source.Path));
        }
        var g = new Glossary
        {
            Id = ContentLoader.IdFromFile(source.Path), SourcePath = source.Path, Title = fm.String("title") ?? "用語集",
            VolumeId = fm.String("volume"), VolumeSpan = fm.SpanOf("volume"), Entries = entries,
        };
        fm.ReportUnknownKeys();
        return g;
    }
}

/// <summary>input/volumes/&lt;id&gt;.md: foreword body, contributors and colophon of a declared volume.</summary>
public static class VolumeFileLoader
{
    public static void Load(string root, string file, List<Volume> volumes, DiagnosticBag diagnostics)
    {
        var display = ContentLoader.DisplayPath(root, file);
        var id = ContentLoader.IdFromFile(file);
        var volume = volumes.FirstOrDefault(v => v.Id == id);
        if (volume is null)
        {
            diagnostics.Error(DiagnosticCodes.UnknownVolume,
                $"巻「{id}」は casebook.yml の volumes にありません。{Text.NearestMatch.Suggest(id, volumes.Select(v => v.Id))}",
                SourceSpan.File(display));
            return;
        }
        var source = SourceReader.Read(file, display, diagnostics);
        if (source is null) return;
        string body;
        int bodyLine;
        if (source.Text.StartsWith("---", StringComparison.Ordinal))
        {
            var doc = FrontMatter.Split(source, diagnostics);
            if (doc is null) return;
            var fm = YamlMap.Parse(doc.Yaml, display, doc.YamlFirstLine, diagnostics);
            if (fm is null) return;
            volume.ForewordTitle = fm.String("foreword_title") ?? volume.ForewordTitle;
            volume.Colophon = fm.String("colophon") ?? "";
            foreach (var p in fm.MapList("contributors"))
            {
                var name = p.String("name", "氏名");
                var person = new Person(name ?? "", p.String("organization") ?? "", p.String("role") ?? "");
                p.ReportUnknownKeys();
                if (name is not null) volume.Contributors.Add(person);
            }
            fm.ReportUnknownKeys();
            body = doc.Body;
            bodyLine = doc.BodyFirstLine;
        }
        else
        {
            body = source.Text;
            bodyLine = 1;
        }
        volume.ForewordMarkdown = body;
        volume.ForewordFirstLine = bodyLine;
        volume.ForewordPath = display;
    }
}
