using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Casebook.Core.Search;

public enum SearchIndexStatus { Indexed, Skipped, Failed }

/// <summary>What the search step did; <see cref="Message"/> is one plain sentence for the terminal.</summary>
public sealed record SearchIndexResult(SearchIndexStatus Status, string Message, int Pages = 0, TimeSpan Elapsed = default);

/// <summary>
/// The search stage: hands the site's <see cref="SearchRecords"/> to Pagefind (npm package <c>pagefind</c>, pinned in
/// tools/search) through its Node API (<c>tools/search/index.mjs</c>), which writes the index into the output.
/// The tools folder is <see cref="SearchTools.ToolsDir"/>, a <c>tools/search</c> folder above the site or the tool, or the
/// <c>search-tools</c> folder shipped next to the tool; when its Pagefind is missing it is installed with
/// <c>npm ci</c>. <see cref="SearchTools.PagefindBinary"/> may name another Pagefind binary for the Node API to run.
/// Without Node.js/npm the step is skipped (the site still works; only search is missing).
/// </summary>
public static partial class PagefindIndexer
{
    /// <summary>The index is built as this language so that Pagefind keeps our pre-split tokens
    /// (see <see cref="SearchText"/>); search.js asks for the same language.</summary>
    public const string IndexLanguage = "en";

    public const string EnvBinary = "CASEBOOK_PAGEFIND";
    public const string EnvTools = "CASEBOOK_SEARCH_TOOLS";

    private static readonly object InstallLock = new();

    /// <summary>Indexes <paramref name="records"/> into <paramref name="indexDir"/> (the site's <c>pagefind/</c> folder).
    /// The records are enumerated as they are sent, so they may be produced while the rest of the site renders.</summary>
    public static SearchIndexResult Run(IEnumerable<SearchRecord> records, string indexDir, string? sourceRoot, SearchTools? settings)
    {
        var sw = Stopwatch.StartNew();
        settings ??= SearchTools.None;
        var searchPath = settings.SearchPath;
        var tools = FindToolsDir(sourceRoot, settings);
        if (tools is null)
            return new(SearchIndexStatus.Skipped, "検索インデックスを作りませんでした: tools/search/package.json が見つかりません。");
        var binary = settings.PagefindBinary;
        if (!string.IsNullOrEmpty(binary) && !File.Exists(binary))
            return new(SearchIndexStatus.Skipped, $"検索インデックスを作りませんでした: {EnvBinary} の {binary} がありません。");
        if (Ensure(tools, searchPath, out var problem) is null) return new(SearchIndexStatus.Skipped, problem);
        var node = FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node", searchPath);
        if (node is null) return new(SearchIndexStatus.Skipped, NoNode);
        var script = Path.Combine(tools, "index.mjs");
        if (!File.Exists(script))
            return new(SearchIndexStatus.Skipped, $"検索インデックスを作りませんでした: {script} がありません。");

        var env = new Dictionary<string, string>();
        // Pagefind's Node API runs this binary instead of the one in node_modules (PAGEFIND_EXTENDED_BINARY_PATH).
        if (!string.IsNullOrEmpty(binary)) env["PAGEFIND_EXTENDED_BINARY_PATH"] = Path.GetFullPath(binary);
        var facets = new List<(string Url, Dictionary<string, List<string>> Filters)>();
        var heads = new List<(string Url, string Title, string Lead)>();
        var (code, output) = Exec(node, [script, Path.GetFullPath(indexDir)], tools, TimeSpan.FromMinutes(10), env,
            stdin =>
            {
                foreach (var r in records)
                {
                    facets.Add((r.Url, r.Filters));
                    heads.Add((r.Url, PartText(r, SearchPart.Title), PartText(r, SearchPart.Lead)));
                    stdin.WriteLine(SearchRecords.ToJsonLine(r));
                }
            });
        if (code != 0)
            return new(SearchIndexStatus.Failed, $"検索インデックスの作成に失敗しました（Pagefind 終了コード {code}）: {LastLines(output)}");
        var empty = Directory.EnumerateFiles(indexDir, "*", SearchOption.AllDirectories).FirstOrDefault(f => new FileInfo(f).Length == 0);
        if (empty is not null)
            return new(SearchIndexStatus.Failed, $"検索インデックスの作成に失敗しました: Pagefind が空のファイル {Path.GetRelativePath(indexDir, empty)} を残しました。もう一度 build してください。");
        // Same site, same index files (Pagefind alone writes filter values in a different order each run).
        PagefindStableOutput.Apply(indexDir);
        PagefindPageNames.Apply(indexDir);
        var idsByUrl = SearchFacetPages.FragmentIds(Path.Combine(indexDir, "fragment"));
        SearchFacetPages.Write(indexDir, facets, idsByUrl);
        SearchHead.Write(indexDir, heads, idsByUrl);
        var m = IndexedPages().Match(output);
        var pages = m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new(SearchIndexStatus.Indexed, $"検索インデックス: {pages} ページ", pages, sw.Elapsed);
    }

    private static string PartText(SearchRecord r, int weight) => string.Join(" ", r.Parts.Where(p => p.Weight == weight).Select(p => p.Text));

    private const string NoNode = "Node.js（npm）が見つからないため、検索インデックスを作らずに出力しました。検索を使うには Node.js を入れてから、もう一度 build してください（tools/search で npm ci が自動で実行されます）。";

    /// <summary>The folder holding tools/search/package.json: above the site, above the tool, or shipped with the tool.</summary>
    public static string? FindToolsDir(string? sourceRoot, SearchTools settings)
    {
        if (settings.ToolsDir is { Length: > 0 } explicitDir) return explicitDir;
        foreach (var start in new[] { sourceRoot, settings.InstallDir })
        {
            for (var dir = start is null ? null : Path.GetFullPath(start); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                var candidate = Path.Combine(dir, "tools", "search");
                if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
            }
        }
        if (settings.InstallDir is null) return null;
        var shipped = Path.Combine(settings.InstallDir, "search-tools");
        return File.Exists(Path.Combine(shipped, "package-lock.json")) ? shipped : null;
    }

    /// <summary>Pagefind's own binary for this machine inside node_modules (the extended build, which knows Japanese).</summary>
    public static string BinaryPath(string toolsDir)
    {
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsFreeBSD() ? "freebsd" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        var exe = OperatingSystem.IsWindows() ? "pagefind_extended.exe" : "pagefind_extended";
        return Path.Combine(toolsDir, "node_modules", "@pagefind", $"{os}-{arch}", "bin", exe);
    }

    private static string? Ensure(string toolsDir, string searchPath, out string problem)
    {
        problem = "";
        var binary = BinaryPath(toolsDir);
        if (File.Exists(binary)) return binary;
        lock (InstallLock)
        {
            if (File.Exists(binary)) return binary;
            var npm = FindOnPath(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", searchPath);
            if (npm is null)
            {
                problem = NoNode;
                return null;
            }
            var (code, output) = Exec(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], toolsDir, TimeSpan.FromMinutes(10));
            if (code != 0 || !File.Exists(binary))
            {
                problem = $"Pagefind を入れられなかったため、検索インデックスを作らずに出力しました（{toolsDir} で npm ci: {LastLines(output)}）。";
                return null;
            }
            return binary;
        }
    }

    private static string? FindOnPath(string name, string path)
    {
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var full = Path.Combine(dir, name);
            if (File.Exists(full)) return full;
        }
        return null;
    }

    private static (int Code, string Output) Exec(string file, string[] args, string? workingDir, TimeSpan timeout,
        Dictionary<string, string>? environment = null, Action<StreamWriter>? input = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDir ?? Environment.CurrentDirectory,
        };
        if (input is not null) psi.StandardInputEncoding = new System.Text.UTF8Encoding(false);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? []) psi.Environment[k] = v;
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                try
                {
                    using var stdin = p.StandardInput;
                    stdin.AutoFlush = false;
                    input(stdin);
                }
                catch (IOException) { } // the script ended early; its exit code and output say why
                catch
                {
                    p.Kill(entireProcessTree: true);
                    throw;
                }
            }
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (-1, "時間切れ");
            }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private static string LastLines(string output) =>
        string.Join(" / ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    [GeneratedRegex(@"Indexed (\d+) pages?")]
    private static partial Regex IndexedPages();
}
