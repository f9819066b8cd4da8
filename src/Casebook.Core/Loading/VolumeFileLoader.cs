using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

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
