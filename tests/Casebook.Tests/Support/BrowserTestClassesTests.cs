using System.Reflection;

namespace Casebook.Tests.Support;

/// <summary>Every test class given the shared browser closes the contexts its tests open when each test ends, pass or
/// fail, through <see cref="OpenedContexts"/>: a context left open by a failed assertion keeps its pages, workers and
/// timers running through the tests after it.</summary>
public class BrowserTestClassesTests
{
    [Fact]
    public void Every_class_given_the_browser_closes_the_contexts_its_tests_open()
    {
        var classes = typeof(BrowserFixture).Assembly.GetTypes()
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(BrowserFixture))))
            .Where(t => t != typeof(OpenedContextsTests))   // the helper's own test closes what it opens itself
            .ToList();
        Assert.Contains(typeof(Theme.PageKindsTests), classes);
        var leaking = classes
            .Where(t => !typeof(IAsyncLifetime).IsAssignableFrom(t)
                || !t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Any(f => f.FieldType == typeof(OpenedContexts)))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(leaking.Count == 0, "no OpenedContexts closed in DisposeAsync: " + string.Join(", ", leaking));
    }
}
