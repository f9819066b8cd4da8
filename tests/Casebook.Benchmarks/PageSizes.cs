namespace Casebook.Benchmarks;

/// <summary>The size targets of a built site (docs/performance.md): no HTML page over 300 KB but print editions
/// (≤ 2 MB each), feed.xml ≤ 300 KB. Prints the largest files of each kind and exits 1 when a target is missed.</summary>
public static class PageSizes
{
    private const long PageLimit = 300 * 1024, PrintLimit = 2 * 1024 * 1024, FeedLimit = 300 * 1024;

    public static int Run(string[] args)
    {
        var site = args.SkipWhile(a => a != "--site").Skip(1).FirstOrDefault();
        if (site is null || !Directory.Exists(site)) { Console.Error.WriteLine("usage: page-sizes --site DIR (a built _site)"); return 2; }
        var files = Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(site, f).Replace('\\', '/'), Size: new FileInfo(f).Length)).ToList();
        bool IsPrint(string p) => p.EndsWith("/print/index.html", StringComparison.Ordinal);
        var html = files.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)).ToList();
        var pages = html.Where(f => !IsPrint(f.Path)).OrderByDescending(f => f.Size).ToList();
        var prints = html.Where(f => IsPrint(f.Path)).OrderByDescending(f => f.Size).ToList();
        var feed = files.FirstOrDefault(f => f.Path == "feed.xml");
        Console.WriteLine($"{html.Count} HTML pages, {files.Count} files, {files.Sum(f => f.Size) / 1024.0 / 1024:F1} MB in all");
        Console.WriteLine("largest pages (print editions apart):");
        foreach (var (p, s) in pages.Take(8)) Console.WriteLine($"  {s / 1024.0,8:F1} KB  /{p}");
        Console.WriteLine("largest print editions:");
        foreach (var (p, s) in prints.Take(3)) Console.WriteLine($"  {s / 1024.0,8:F1} KB  /{p}");
        Console.WriteLine($"feed.xml: {feed.Size / 1024.0:F1} KB");
        var over = pages.Count(f => f.Size > PageLimit);
        var printOver = prints.Count(f => f.Size > PrintLimit);
        Console.WriteLine($"pages over 300 KB: {over}; print editions over 2 MB: {printOver}; feed over 300 KB: {(feed.Size > FeedLimit ? "yes" : "no")}");
        return over == 0 && printOver == 0 && feed.Size <= FeedLimit ? 0 : 1;
    }
}
