using System.Collections.Concurrent;
using Casebook.Core.Diagnostics;
using Casebook.Core.Model;

namespace Casebook.Core.Loading;

/// <summary>Stage 1: reads casebook.yml and every file under input/ into typed content.</summary>
public static class ContentLoader
{
    public static SiteContent? Load(string sourceRoot, string? baseUrlOverride, DiagnosticBag diagnostics)
    {
        if (!File.Exists(Path.Combine(sourceRoot, ConfigLoader.FileName)))
        {
            diagnostics.Error(DiagnosticCodes.MissingConfig,
                $"{ConfigLoader.FileName} が見つかりません。サイトのフォルダー（casebook.yml と input/ を含む）を --source で指定してください。",
                SourceSpan.File(Path.Combine(sourceRoot, ConfigLoader.FileName)));
            return null;
        }
        var config = ConfigLoader.Load(sourceRoot, baseUrlOverride, diagnostics);
        if (config is null) return null;
        var (settings, taxonomies, volumes) = config.Value;
        var content = new SiteContent { SourceRoot = sourceRoot, Settings = settings, Taxonomies = taxonomies, Volumes = volumes };

        var input = Path.Combine(sourceRoot, "input");
        if (!Directory.Exists(input)) return content;

        content.Cases.AddRange(LoadAll(sourceRoot, Files(input, "cases", ".md"), diagnostics, CaseLoader.Load,
            (path, source) => { lock (content.UnreadCaseIds) content.UnreadCaseIds.Add(PresumedId(path, source)); }));
        content.Lessons.AddRange(LoadAll(sourceRoot, Files(input, "lessons", ".md"), diagnostics, LessonLoader.Load));
        content.Pages.AddRange(LoadAll(sourceRoot, Files(input, "pages", ".md"), diagnostics, PageLoader.Load));
        content.Checklists.AddRange(LoadAll(sourceRoot, Files(input, "checklists", ".yml", ".yaml"), diagnostics, ChecklistLoader.Load));
        content.Glossaries.AddRange(LoadAll(sourceRoot, Files(input, "glossary", ".yml", ".yaml"), diagnostics, GlossaryLoader.Load));
        foreach (var file in Files(input, "volumes", ".md"))
            VolumeFileLoader.Load(sourceRoot, file, volumes, diagnostics);

        var assets = Path.Combine(input, "assets");
        if (Directory.Exists(assets))
            foreach (var f in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                content.Assets.Add((Path.GetRelativePath(assets, f).Replace('\\', '/'), f));

        // Markdown or YAML outside the known folders is almost always a mistake; say so.
        var known = new[] { "cases", "lessons", "pages", "checklists", "glossary", "volumes", "assets" };
        foreach (var f in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(input, f).Replace('\\', '/');
            var top = rel.Contains('/') ? rel[..rel.IndexOf('/')] : "";
            if (known.Contains(top)) continue;
            if (f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                diagnostics.Warning(DiagnosticCodes.UnknownField,
                    $"このファイルは使われません。事例は input/cases/ に、ページは input/pages/ に置いてください。{Text.NearestMatch.Suggest(top, known)}",
                    SourceSpan.File(DisplayPath(sourceRoot, f)));
        }
        return content;
    }

    /// <summary>The id a file that failed to load was meant to have: its <c>id:</c> line when one
    /// can be read off the text, else the file name (the same fallback the loader uses).</summary>
    private static string PresumedId(string path, SourceText? source)
    {
        if (source is not null)
        {
            var m = System.Text.RegularExpressions.Regex.Match(source.Text, @"^id:[ \t]*[""']?([^""'\s#]+)", System.Text.RegularExpressions.RegexOptions.Multiline);
            if (m.Success) return m.Groups[1].Value;
        }
        return IdFromFile(path);
    }

    public static string DisplayPath(string sourceRoot, string fullPath) =>
        Path.GetRelativePath(sourceRoot, fullPath).Replace('\\', '/');

    private static IEnumerable<string> Files(string input, string folder, params string[] extensions)
    {
        var dir = Path.Combine(input, folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Loads files in parallel; results keep file order so output stays deterministic.
    /// <paramref name="failed"/> hears of each file that could not be loaded (its text when it could be read).</summary>
    private static List<T> LoadAll<T>(string root, IEnumerable<string> files, DiagnosticBag diagnostics,
        Func<SourceText, DiagnosticBag, T?> load, Action<string, SourceText?>? failed = null) where T : class
    {
        var list = files.ToList();
        var results = new T?[list.Count];
        Parallel.For(0, list.Count, i =>
        {
            var source = SourceReader.Read(list[i], DisplayPath(root, list[i]), diagnostics);
            if (source is not null) results[i] = load(source, diagnostics);
            if (results[i] is null) failed?.Invoke(list[i], source);
        });
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    public static string IdFromFile(string path) => Path.GetFileNameWithoutExtension(path);
}
