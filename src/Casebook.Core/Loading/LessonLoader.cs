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
