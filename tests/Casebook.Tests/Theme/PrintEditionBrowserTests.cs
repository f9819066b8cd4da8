using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Casebook.Tests.Theme;

/// <summary>The print edition of the sample site's volumes, in Chromium.</summary>
[Trait("Category", "Browser")]
[Collection("browser")]
public class PrintEditionBrowserTests(BrowserFixture browser, SampleSiteFixture sample) : IAsyncLifetime
{
    /// <summary>Every page a test opens is closed when it ends, pass or fail (<see cref="OpenedContexts"/>).</summary>
    private readonly OpenedContexts _contexts = new(browser.Browser);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _contexts.CloseAsync();

    public static TheoryData<string> VolumeIds()
    {
        var data = new TheoryData<string>();
        foreach (var v in ConfigLoader.Load(Repo.Root, null, new DiagnosticBag())!.Value.Item3) data.Add(v.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(VolumeIds))]
    public async Task Print_edition_renders_with_its_stylesheet_and_starts_each_case_on_a_new_page(string volumeId)
    {
        var volume = ConfigLoader.Load(Repo.Root, null, new DiagnosticBag())!.Value.Item3.Single(v => v.Id == volumeId);
        var (page, outside) = await browser.NewPageAsync(sample.Origin);
        var response = await page.GotoAsync(sample.Origin + $"/volumes/{volumeId}/print/");
        Assert.True(response!.Ok);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        // Contract: every case of the volume, in the volume's order.
        var ids = await page.EvalOnSelectorAllAsync<string[]>("article.print-case", "els => els.map(e => e.id)");
        Assert.Equal(volume.CaseOrder.Select(c => "case-" + c.Id), ids);

        // The print stylesheet loaded (served, not blocked by the CSP) and each case breaks to a new page.
        var breaks = await page.EvalOnSelectorAllAsync<string[]>("article.print-case", "els => els.map(e => getComputedStyle(e).breakBefore)");
        Assert.All(breaks, b => Assert.Equal("page", b));
        // Print type: BIZ UD Mincho for running text, BIZ UD Gothic for headings (TrueType, so a PDF never gets Type 3 fonts).
        Assert.StartsWith("\"BIZ UDMincho\"", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        Assert.StartsWith("\"BIZ UDPGothic\"", await page.EvalOnSelectorAsync<string>("article.print-case h2", "e => getComputedStyle(e).fontFamily"));
        Assert.DoesNotContain("Noto", await page.EvaluateAsync<string>("() => [...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText).join(' ')"));

        // No navigation chrome; body headings sit below the case title (h2) so the outline nests.
        Assert.Equal(0, await page.Locator(".site-header, .site-nav, .breadcrumbs, .site-footer, .pager").CountAsync());
        Assert.Equal(0, await page.Locator("article.print-case .prose h2").CountAsync());
        Assert.Equal(ids.Length, await page.Locator("article.print-case > header h2").CountAsync());
        var duplicateIds = await page.EvaluateAsync<int>("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; }");
        Assert.Equal(0, duplicateIds);

        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        // A picture of the first case as it prints: a full-page shot of a whole volume is needlessly slow.
        var shot = await page.Locator("article.print-case").First.ScreenshotAsync(new LocatorScreenshotOptions { Timeout = 120_000 });
        Assert.True(shot.Length > 20_000, $"screenshot is {shot.Length} bytes: the case looks empty");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], shot[..4]);
        Assert.Empty(outside);
    }
}
