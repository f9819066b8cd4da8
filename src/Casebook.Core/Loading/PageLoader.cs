using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

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
