using System.Net;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core;
using Casebook.Core.Loading;
using Casebook.Publishing.Hosting;
using Microsoft.Playwright;

namespace Casebook.Publishing.Pdf;

public sealed record PdfOptions(
    string SourceRoot,
    string VolumeId,
    string OutputFile,
    string? SiteDir = null,          // a built site to use when it is up to date; default <source>/_site
    string? ChromiumPath = null,     // default /usr/bin/chromium
    string? ThemeDir = null,
    string? ShippedThemeDir = null,  // the tool's theme, for a site without its own theme/
    string? SourceDateEpoch = null); // the PDF's dates (seconds since 1970); default now

public enum PdfStatus { Ok, UnknownVolume, BuildFailed, ChromiumMissing, BrowserFailed, FontsNotPrintReady }

public sealed record PdfResult(PdfStatus Status, string Message, IReadOnlyList<Diagnostic> Diagnostics, bool Built = false);

/// <summary>The PDF edition of a volume: the print edition (/volumes/&lt;id&gt;/print/) rendered by headless
/// Chromium through Playwright. The built site is served on a loopback port under its base path, so the page
/// loads its print stylesheet as in a browser; every request leaving that origin is blocked.</summary>
public static partial class PdfPublisher
{
    public const string DefaultChromium = "/usr/bin/chromium";
    public const string ChromiumPackage = "chromium";

    public static string ChromiumPath(string? configured) => configured ?? DefaultChromium;

    public static async Task<PdfResult> RunAsync(PdfOptions options, Action<string>? progress = null, CancellationToken cancel = default)
    {
        var diagnostics = new DiagnosticBag();
        var config = ConfigLoader.Load(options.SourceRoot, null, diagnostics);
        if (config is null) return new PdfResult(PdfStatus.BuildFailed, "casebook.yml を読めません。", diagnostics.Sorted());
        var volumes = config.Value.Item3;
        var volume = volumes.FirstOrDefault(v => v.Id == options.VolumeId);
        if (volume is null)
            return new PdfResult(PdfStatus.UnknownVolume,
                $"事例集「{options.VolumeId}」は casebook.yml にありません。{Casebook.Core.Text.NearestMatch.Suggest(options.VolumeId, volumes.Select(v => v.Id))}", []);

        var chromium = ChromiumPath(options.ChromiumPath);
        if (!File.Exists(chromium))
            return new PdfResult(PdfStatus.ChromiumMissing,
                $"Chromium が見つかりません（{chromium}）。Debian/Ubuntu ではパッケージ {ChromiumPackage} を入れてください: sudo apt-get install {ChromiumPackage}" +
                $"（印刷用のフォントは {FontPackages}）。別の場所にある場合は環境変数 CASEBOOK_CHROMIUM で指定します。", []);

        var siteDir = Path.GetFullPath(options.SiteDir ?? Path.Combine(options.SourceRoot, "_site"));
        var printRelative = Path.Combine("volumes", volume.Id, "print", "index.html");
        string? temp = null;
        var built = false;
        try
        {
            var build = new BuildOptions(options.SourceRoot, "", ThemeDir: options.ThemeDir, ShippedThemeDir: options.ShippedThemeDir);
            if (!IsUpToDate(options.SourceRoot, Path.Combine(siteDir, printRelative), build.ThemeDirectory))
            {
                // Build into a temporary folder: the reader-facing _site (and its search index) stays as it is.
                progress?.Invoke("build");
                temp = Path.Combine(Path.GetTempPath(), "casebook-pdf-" + Guid.NewGuid().ToString("N")[..12]);
                var result = Pipeline.Run(build with { OutputDir = temp });
                if (!result.Success) return new PdfResult(PdfStatus.BuildFailed, "サイトを生成できないため PDF を作れません。", result.Diagnostics);
                siteDir = temp;
                built = true;
            }
            var printFile = Path.Combine(siteDir, printRelative);
            if (!File.Exists(printFile))
                return new PdfResult(PdfStatus.BuildFailed, $"印刷版 {printRelative} がありません。", []);
            var basePath = BasePathOf(await File.ReadAllTextAsync(printFile, cancel));

            progress?.Invoke("pdf");
            var outputFile = Path.GetFullPath(options.OutputFile);
            Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!);
            await using var server = await LoopbackServer.ServeFolderAsync(siteDir, basePath);
            var url = server.Origin + basePath + "volumes/" + Uri.EscapeDataString(volume.Id) + "/print/";
            try
            {
                var settings = config.Value.Item1;
                var publicOrigin = settings.BaseUrl.Length > 0 ? new Uri(settings.BaseUrl).GetLeftPart(UriPartial.Authority) : null;
                var meta = await RenderAsync(chromium, server.Origin, url, outputFile, volume.Title, publicOrigin, settings.Print);
                ReproduciblePdf.Apply(outputFile, options.SourceDateEpoch);
                new PdfDocumentInfo(volume.Title, volume.Publisher, meta.Subject, meta.Keywords, Creator, "ja").WriteTo(outputFile);
                var fonts = PdfFonts.Read(outputFile);
                if (fonts.Where(f => !f.PrintReady).ToList() is { Count: > 0 } unready)
                {
                    File.Delete(outputFile);
                    return new PdfResult(PdfStatus.FontsNotPrintReady, FontsMessage(unready), MissingGlyphs(options.SourceRoot, volume, refused: true), built);
                }
                // Only a font other than BIZ UD means a fallback; reading the whole site again to locate it is for that case only.
                if (fonts.Any(f => !f.Name.Contains("BIZUD", StringComparison.Ordinal)))
                    foreach (var d in MissingGlyphs(options.SourceRoot, volume, refused: false)) diagnostics.Add(d);
            }
            catch (Exception e) when (e is InvalidDataException or PdfSharp.Pdf.IO.PdfReaderException)
            {
                if (File.Exists(outputFile)) File.Delete(outputFile);
                return new PdfResult(PdfStatus.BrowserFailed, $"Chromium が書いた PDF を読めません（{e.Message}）。", [], built);
            }
            catch (PlaywrightException e)
            {
                return new PdfResult(PdfStatus.BrowserFailed, $"Chromium で PDF を作れませんでした: {FirstLine(e.Message)}", [], built);
            }
            return new PdfResult(PdfStatus.Ok, outputFile, diagnostics.Sorted(), built);
        }
        finally
        {
            if (temp is not null && Directory.Exists(temp)) Directory.Delete(temp, true);
        }
    }

    /// <summary>"Casebook 1.2.3" (without the commit): the PDF's Creator.</summary>
    public static string Creator { get; } = "Casebook " + (typeof(PdfPublisher).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0");

    private static IReadOnlyList<Diagnostic> MissingGlyphs(string sourceRoot, Casebook.Core.Model.Volume volume, bool refused)
    {
        // The build that made the print page reported content errors already; this reading only locates characters.
        var diagnostics = new DiagnosticBag();
        var content = ContentLoader.Load(sourceRoot, null, diagnostics);
        if (content is null) return [];
        Casebook.Core.Binding.ContentBinder.Bind(content, diagnostics);
        return content.Volumes.FirstOrDefault(v => v.Id == volume.Id) is { } bound ? PrintGlyphs.Find(content, bound, refused) : [];
    }

    public const string FontPackages = "fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic";

    private static string FontsMessage(IReadOnlyList<PdfFont> unready)
    {
        var list = string.Join("、", unready.Select(f => $"{f.Name}（{(f.Type == "Type3" ? "Type 3" : f.Type)}{(f.Embedded ? "" : "・埋め込みなし")}{(f.Subset || !f.Embedded ? "" : "・サブセットなし")}）"));
        return $"PDF に印刷所で受け付けられないフォントが入るため、書き出しませんでした: {list}。" +
            $"印刷版は BIZ UD 明朝・BIZ UD ゴシック（TrueType）で組みます。入っていなければ入れてください: sudo apt-get install {FontPackages}" +
            "。入っている場合は、本文にこれらのフォントにない文字（絵文字など）がないか確かめてください。";
    }

    private sealed record PageMeta(string Subject, string Keywords);

    private static async Task<PageMeta> RenderAsync(string chromium, string origin, string url, string outputFile, string runningHead, string? publicOrigin,
        Casebook.Core.Model.PrintSettings print)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--font-render-hinting=none"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP" });
        await context.RouteAsync("**/*", route =>
            route.Request.Url.StartsWith(origin + "/", StringComparison.Ordinal) || route.Request.Url.StartsWith("data:", StringComparison.Ordinal)
                ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 120_000 });
        if (response is null || !response.Ok) throw new PlaywrightException($"{url} を開けません（HTTP {response?.Status}）。");
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        // The page was served by this temporary loopback server: links to other pages of the site must point
        // at the published site (base_url), or, without one, become plain text. Links within the edition stay.
        await page.EvaluateAsync("""
            ([origin, publicOrigin]) => {
              for (const a of document.querySelectorAll('a[href]')) {
                const u = new URL(a.href);
                if (u.origin !== origin || (u.pathname === location.pathname && u.hash)) continue;
                if (publicOrigin) a.setAttribute('href', publicOrigin + u.pathname + u.search + u.hash);
                else a.removeAttribute('href');
              }
            }
            """, new object?[] { origin, publicOrigin });
        var meta = await page.EvaluateAsync<string[]>(
            "() => ['description', 'keywords'].map(n => document.querySelector(`meta[name=\"${n}\"]`)?.content ?? '')");
        // Centred, so it sits right on left- and right-hand pages alike (their margins differ at the binding).
        const string box = "width:100%;text-align:center;font-family:'BIZ UDPGothic',sans-serif;font-size:8pt;color:#444;";
        static string Mm(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "mm";
        var pdfOptions = new PagePdfOptions
        {
            Path = outputFile,
            // Paper and margins come from print-page.css (casebook.yml print:); these say the same for a stylesheet without them.
            Width = Mm(print.WidthMm),
            Height = Mm(print.HeightMm),
            PrintBackground = true,
            PreferCSSPageSize = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = $"<div style=\"{box}\">{WebUtility.HtmlEncode(runningHead)}</div>",
            // Page numbers come from print.css (@bottom-center), the same for PDF and for printing from a browser.
            FooterTemplate = "<span></span>",
            Margin = new Margin { Top = Mm(print.TopMm), Bottom = Mm(print.BottomMm), Left = Mm(print.InsideMm), Right = Mm(print.OutsideMm) },
            Tagged = true,
            Outline = true,
        };
        await page.PdfAsync(pdfOptions);
        if (print.StartCasesOnRight)
        {
            var ids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.print-case[id]')].map(a => a.id)");
            var blanks = RightHandStarts.BlankPagesBefore(ids, RightHandStarts.DestinationPages(outputFile));
            if (blanks.Count > 0)
            {
                await page.EvaluateAsync("""
                    ids => { for (const id of ids) {
                      const blank = document.createElement('div');
                      blank.className = 'print-blank-page';
                      blank.setAttribute('aria-hidden', 'true');
                      document.getElementById(id).before(blank);
                    } }
                    """, blanks);
                await page.PdfAsync(pdfOptions);
            }
        }
        await context.CloseAsync();
        return new PageMeta(meta.ElementAtOrDefault(0) ?? "", meta.ElementAtOrDefault(1) ?? "");
    }


    /// <summary>The print edition was built after every source file changed (casebook.yml, input/, the theme).</summary>
    public static bool IsUpToDate(string sourceRoot, string printFile, string themeDir)
    {
        if (!File.Exists(printFile)) return false;
        var builtAt = File.GetLastWriteTimeUtc(printFile);
        var sources = new List<string> { Path.Combine(sourceRoot, ConfigLoader.FileName) };
        foreach (var dir in new[] { Path.Combine(sourceRoot, "input"), themeDir })
            if (Directory.Exists(dir)) sources.AddRange(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories));
        return sources.All(f => File.GetLastWriteTimeUtc(f) <= builtAt);
    }

    /// <summary>The base path the print page was built with, read from its stylesheet link.</summary>
    public static string BasePathOf(string printHtml)
    {
        var m = PrintCssLink().Match(printHtml);
        if (!m.Success) return "/";
        var href = WebUtility.HtmlDecode(m.Groups[1].Value);
        if (Uri.TryCreate(href, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https") href = abs.AbsolutePath;
        return href.StartsWith('/') ? href : "/";
    }

    [GeneratedRegex("href=\"([^\"]*)assets/css/print\\.css\"")]
    private static partial Regex PrintCssLink();

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
