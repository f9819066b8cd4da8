using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Casebook.Tests.Support;

public static class PageNavigation
{
    /// <summary>Runs <paramref name="action"/> (a click, a key press) and waits until the page has navigated to a URL
    /// matching <paramref name="url"/>, committed (the new document exists; its resources may still be loading).
    /// The wait starts before the action. Started after it, it races with the navigation: Playwright's .NET client
    /// applies a navigation event on its connection thread while the test continues on another, so a wait that reads
    /// the old URL and only then subscribes can miss the event and hang until its timeout.</summary>
    public static async Task RunAndWaitForUrlAsync(this IPage page, Func<Task> action, Regex url)
    {
        if (url.IsMatch(page.Url))
            throw new ArgumentException($"{page.Url} already matches {url}: the wait would not see the navigation", nameof(url));
        var navigated = page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = BrowserFixture.ActionTimeout });
        try { await action(); }
        catch
        {
            _ = navigated.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw;
        }
        await navigated;
    }
}
