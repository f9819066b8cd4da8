using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

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
