using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

public static class CaseLoader
{
    public static CaseStudy? Load(SourceText source, DiagnosticBag diagnostics)
    {
        var doc = FrontMatter.Split(source, diagnostics);
        if (doc is null) return null;
        var fm = YamlMap.Parse(doc.Yaml, source.Path, doc.YamlFirstLine, diagnostics);
        if (fm is null) return null;

        var id = fm.String("id") ?? ContentLoader.IdFromFile(source.Path);
        var idOk = CheckId(id, fm, source.Path, diagnostics);
        var title = fm.String("title", "事例の題名");
        var organization = fm.String("organization", "組織名");
        if (organization is not null) ConfigLoader.CheckNameLength(organization, "組織名", fm.SpanOf("organization"), diagnostics);
        var fiscalYear = fm.Int("fiscal_year", "年度（西暦の開始年、例: 2022）", 1868, 9999);

        var authors = fm.StringList("authors");
        if (authors.Count == 0 && fm.String("author") is { } single) authors.Add(single);

        var region = new Region("", "", "");
        if (fm.Map("region") is { } r)
        {
            region = new Region(r.String("prefecture") ?? "", r.String("city") ?? "", r.String("ward") ?? "", r.String("area") ?? "");
            r.ReportUnknownKeys();
            CheckRegionLength(region, r, diagnostics);
        }

        var voices = new List<Voice>();
        foreach (var v in fm.MapList("voices"))
        {
            var text = v.String("text", "発言");
            var speaker = v.String("speaker") ?? "";
            var role = v.String("role") ?? "";
            v.ReportUnknownKeys();
            if (text is not null) voices.Add(new Voice(speaker, role, text));
        }

        var c = new CaseStudy
        {
            Id = id,
            SourcePath = source.Path,
            IdSpan = fm.Has("id") ? fm.SpanOf("id") : new SourceSpan(source.Path, 1, 1),
            Title = title ?? "",
            Subtitle = fm.String("subtitle") ?? "",
            Summary = fm.String("summary") ?? "",
            Organization = organization ?? "",
            Authors = authors,
            Region = region,
            VolumeId = fm.String("volume"),
            VolumeSpan = fm.SpanOf("volume"),
            FiscalYear = fiscalYear ?? 0,
            ElementRefs = Refs(fm, TaxonomyIds.Elements),
            PillarRefs = Refs(fm, TaxonomyIds.Pillars),
            TagRefs = Refs(fm, TaxonomyIds.Tags),
            ElementsBasis = MarkBases.Parse(fm.Choice("elements_basis", MarkBases.Names)),
            PillarsBasis = MarkBases.Parse(fm.Choice("pillars_basis", MarkBases.Names)),
            Profile = fm.Pairs("profile"),
            ProfileAsOf = fm.String("profile_as_of") ?? "",
            Voices = voices,
            Source = fm.String("source") ?? "",
            Draft = fm.Bool("draft", false),
            Markdown = doc.Body,
            BodyFirstLine = doc.BodyFirstLine,
            RawText = source.Text,
            PrivacyAck = fm.StringList("privacy_ack"),
        };
        fm.ReportUnknownKeys();
        return title is null || organization is null || fiscalYear is null || !idOk ? null : c;
    }

    /// <summary>A region's page is regions/PREFECTURE-AREA-CITY/ (the ward is not part of it): when that folder name is
    /// too long (CB1107), the error points at the longest of the three.</summary>
    private static void CheckRegionLength(Region region, YamlMap r, DiagnosticBag diagnostics)
    {
        var grouped = region with { Ward = "" };
        var longest = new[] { ("prefecture", region.Prefecture), ("area", region.Area), ("city", region.City) }.MaxBy(p => p.Item2.Length).Item1;
        ConfigLoader.CheckNameLength(grouped.Display, "地域（都道府県・圏域・市区町村）", r.SpanOf(longest), diagnostics);
    }

    internal static List<TermRef> Refs(YamlMap fm, string key) =>
        fm.ScalarList(key).Select(x => new TermRef(x.Value, x.Span)).ToList();

    /// <summary>An id (from <c>id:</c>, else the file name) must be <c>[a-z0-9-]</c> (CB1105) and short enough to name
    /// a folder (CB1106); the error points at the <c>id:</c> value, or at the file when the id is its name.</summary>
    internal static bool CheckId(string id, YamlMap fm, string path, DiagnosticBag diagnostics)
    {
        var span = fm.Has("id") ? fm.SpanOf("id") : new SourceSpan(path, 1, 1);
        if (!ConfigLoader.IdPattern().IsMatch(id))
        {
            diagnostics.Error(DiagnosticCodes.InvalidId,
                $"ID「{id}」には半角英小文字・数字・ハイフンだけを使ってください（URL になります）。front matter に id: を書くか、ファイル名を変えてください。",
                span);
            return false;
        }
        return ConfigLoader.CheckIdLength(id, fm.Has("id") ? "ID" : "ファイル名からつくる ID", span, diagnostics);
    }
}
