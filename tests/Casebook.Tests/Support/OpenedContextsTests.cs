using Microsoft.Playwright;

namespace Casebook.Tests.Support;

[Collection("browser")]
[Trait("Category", "Browser")]
public class OpenedContextsTests(BrowserFixture browser, SampleSiteFixture sample)
{
    [Fact]
    public async Task Closes_every_context_opened_since_it_was_made_and_only_those()
    {
        var earlier = await browser.Browser.NewContextAsync();
        try
        {
            var opened = new OpenedContexts(browser.Browser);
            var (page, _) = await browser.NewPageAsync(sample.Origin);
            await page.GotoAsync(sample.Origin + "/");
            var direct = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
            var other = await direct.NewPageAsync();
            Assert.Equal(new HashSet<IBrowserContext> { page.Context, direct }, opened.Opened.ToHashSet());

            await opened.CloseAsync();
            Assert.True(page.IsClosed);
            Assert.True(other.IsClosed);
            Assert.DoesNotContain(page.Context, browser.Browser.Contexts);
            Assert.DoesNotContain(direct, browser.Browser.Contexts);
            Assert.Contains(earlier, browser.Browser.Contexts);
            Assert.Empty(opened.Opened);
        }
        finally { await earlier.CloseAsync(); }
    }
}
