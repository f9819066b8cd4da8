using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Loading;

/// <summary>Reads casebook.yml: site settings, taxonomies and volumes.</summary>
public static partial class ConfigLoader
{
    public const string FileName = "casebook.yml";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    public static partial Regex IdPattern();

    /// <summary>The longest id: an id names a folder (cases/ID/) or a file (a volume's ID-cases.json), and a file name holds
    /// at most 255 bytes (ext4, NTFS, APFS); an id is ASCII.</summary>
    public const int MaxIdLength = 255 - 11; // "-cases.json"

    /// <summary>CB1106 for an id longer than <see cref="MaxIdLength"/>; false then.</summary>
    public static bool CheckIdLength(string id, string what, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (IdTooLong(id, what) is not { } message) return true;
        diagnostics.Error(DiagnosticCodes.IdTooLong, message, span);
        return false;
    }

    /// <summary>Why <paramref name="id"/> is too long for a folder or file name (CB1106's message; the commands that make
    /// files print it too), or null.</summary>
    public static string? IdTooLong(string id, string what) => id.Length <= MaxIdLength ? null
        : $"{what}「{id[..20]}…」が長すぎます（{id.Length} 文字）。ID はページのフォルダー名やファイル名になるため、{MaxIdLength} 文字以内にしてください。";

    /// <summary>CB1107 for a name whose page folder (<see cref="FolderName.Slug"/>: an organization's, a region's, a
    /// term's) is longer than a file system takes; false then. <paramref name="what"/> names the kind of name
    /// (「組織名」).</summary>
    public static bool CheckNameLength(string name, string what, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (NameTooLong(name, what) is not { } message) return true;
        diagnostics.Error(DiagnosticCodes.NameTooLong, message, span);
        return false;
    }

    /// <summary>CB1107's message for a name whose page folder is too long (the interactive <c>new case</c> prints it
    /// too), or null.</summary>
    public static string? NameTooLong(string name, string what)
    {
        var bytes = FolderName.Bytes(name);
        if (bytes <= FolderName.MaxBytes) return null;
        // NFKC can lengthen a name (㍿ is 株式会社), so a short one may be too long as a folder.
        var head = name.Length <= 20 ? name : name[..(char.IsHighSurrogate(name[19]) ? 19 : 20)] + "…";
        return $"{what}「{head}」が長すぎます（{name.Length} 文字、フォルダー名にして {bytes} バイト）。{what}はページのフォルダー名になり、"
            + $"フォルダー名は {FolderName.MaxBytes} バイト（漢字・かなで {FolderName.MaxBytes / 3} 文字）までです。短くしてください。";
    }

    public static (SiteSettings, Dictionary<string, Taxonomy>, List<Volume>)? Load(string sourceRoot, string? baseUrlOverride, DiagnosticBag diagnostics)
    {
        var full = System.IO.Path.Combine(sourceRoot, FileName);
        var source = SourceReader.Read(full, FileName, diagnostics);
        if (source is null) return null;
        var root = YamlMap.Parse(source.Text, FileName, 1, diagnostics);
        if (root is null) return null;

        var site = root.Map("site", "サイトの設定");
        var title = site?.String("title", "サイト名") ?? "Casebook";
        var description = site?.String("description") ?? "";
        var configuredBase = site?.String("base_url"); // read even when overridden, so it is not reported as unused
        var baseUrl = baseUrlOverride ?? configuredBase ?? "";
        var author = site?.String("author") ?? "";
        var allowRaw = site?.Bool("allow_raw_html", false) ?? false;
        // Listings are paginated and the feed bounded so no page grows with the archive (docs/pages.md).
        var pageSize = site?.Int("page_size", null, 1, 500) ?? SiteSettings.DefaultPageSize;
        var feedEntries = site?.Int("feed_entries", null, 1, 1000) ?? SiteSettings.DefaultFeedEntries;
        var requireAlt = site?.Bool("require_alt", false) ?? false;
        site?.ReportUnknownKeys();

        var (normalizedBase, basePath) = NormalizeBaseUrl(baseUrl, site?.SpanOf("base_url") ?? root.Span(), diagnostics);
        var search = Search.SearchSettings.Load(root.Map("search"), diagnostics);
        var settings = new SiteSettings(title, description, normalizedBase, basePath, author, allowRaw, requireAlt, pageSize, feedEntries)
        {
            Search = search,
            Print = PrintSettingsLoader.Load(root.Map("print"), diagnostics),
        };

        var taxonomies = new Dictionary<string, Taxonomy>(StringComparer.Ordinal);
        var taxMap = root.Map("taxonomies");
        if (taxMap is not null)
        {
            foreach (var id in TaxonomyIds.All)
            {
                var t = taxMap.Map(id);
                if (t is null) continue;
                taxonomies[id] = LoadTaxonomy(id, t, diagnostics);
            }
            taxMap.ReportUnknownKeys();
        }
        // Cases always use these three; supply defaults so a minimal site works.
        taxonomies.TryAdd(TaxonomyIds.Elements, new Taxonomy { Id = TaxonomyIds.Elements, Label = "7つの要素", Closed = true, Numbered = true, Terms = new() });
        taxonomies.TryAdd(TaxonomyIds.Pillars, new Taxonomy { Id = TaxonomyIds.Pillars, Label = "柱", Closed = true, Numbered = false, Terms = new() });
        taxonomies.TryAdd(TaxonomyIds.Tags, new Taxonomy { Id = TaxonomyIds.Tags, Label = "テーマ", Closed = false, Numbered = false, Terms = new() });

        var volumes = new List<Volume>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in root.MapList("volumes"))
        {
            var id = v.String("id", "巻の ID");
            var vTitle = v.String("title", "巻の題名");
            var publisher = v.String("publisher", "発行者");
            var fy = v.Int("fiscal_year", "年度（西暦の開始年）", 1868, 9999);
            var number = v.Int("number", null, 1, 9999);
            var subtitle = v.String("subtitle") ?? "";
            var cases = v.ScalarList("cases");
            var elementsBasis = MarkBases.Parse(v.Choice("elements_basis", MarkBases.Names)) ?? MarkBasis.Editorial;
            var pillarsBasis = MarkBases.Parse(v.Choice("pillars_basis", MarkBases.Names)) ?? MarkBasis.Editorial;
            v.ReportUnknownKeys();
            if (id is null || vTitle is null || publisher is null || fy is null) continue;
            if (!IdPattern().IsMatch(id))
            {
                diagnostics.Error(DiagnosticCodes.InvalidId, $"巻の ID「{id}」には半角英小文字・数字・ハイフンだけを使ってください。", v.SpanOf("id"));
                continue;
            }
            if (!CheckIdLength(id, "巻の ID", v.SpanOf("id"), diagnostics)) continue;
            if (!seen.Add(id))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateId, $"巻の ID「{id}」が重複しています。", v.SpanOf("id"));
                continue;
            }
            volumes.Add(new Volume
            {
                Id = id, Title = vTitle, Subtitle = subtitle, Publisher = publisher, FiscalYear = fy.Value,
                Number = number, CaseOrder = cases, Span = v.SpanOf("id"),
                ElementsBasis = elementsBasis, PillarsBasis = pillarsBasis,
            });
        }
        root.ReportUnknownKeys();
        return (settings, taxonomies, volumes);
    }

    private static Taxonomy LoadTaxonomy(string id, YamlMap t, DiagnosticBag diagnostics)
    {
        var label = t.String("label") ?? id;
        var closed = t.Bool("closed", id != TaxonomyIds.Tags);
        var numbered = t.Bool("numbered", false);
        var terms = new List<Term>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in t.MapList("terms"))
        {
            var number = term.Int("number", numbered ? "番号" : null, 1, 999);
            var termLabel = term.String("label", "表示名");
            var termId = term.String("id") ?? number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (termLabel is null ? null : Text.TextNormalizer.Tag(termLabel));
            var shortLabel = term.String("short") ?? termLabel ?? "";
            var description = term.String("description") ?? "";
            term.ReportUnknownKeys();
            if (termLabel is null || termId is null) continue;
            if (!ids.Add(termId))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateTerm, $"語「{termId}」が分類「{id}」の中で重複しています。", term.Span());
                continue;
            }
            // The term's page is <taxonomy>/<id>/; an id made from the label points at the label. The term is kept, so the
            // cases naming it are not reported again.
            CheckNameLength(termId, $"{label}（{id}）の語", term.Has("id") ? term.SpanOf("id") : term.SpanOf("label"), diagnostics);
            terms.Add(new Term(id, termId, termLabel, shortLabel, description, numbered ? number : null));
        }
        t.ReportUnknownKeys();
        if (numbered) terms.Sort((a, b) => (a.Number ?? 0).CompareTo(b.Number ?? 0));
        return new Taxonomy { Id = id, Label = label, Closed = closed, Numbered = numbered, Terms = terms, Span = t.Span() };
    }

    public static (string BaseUrl, string BasePath) NormalizeBaseUrl(string baseUrl, SourceSpan span, DiagnosticBag diagnostics)
    {
        baseUrl = baseUrl.Trim();
        if (baseUrl.Length == 0) return ("", "/");
        if (baseUrl.StartsWith('/'))
        {
            var p = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
            return ("", p);
        }
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"base_url「{baseUrl}」は https://… で始まる URL か / で始まるパスにしてください。", span);
            return ("", "/");
        }
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return ($"{uri.Scheme}://{uri.Authority}{path}", path);
    }
}
