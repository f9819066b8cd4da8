using System.Reflection;
using Casebook.Core;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.ViewModels;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>View models reach templates through typed member tables instead of Fluid's reflection-based strategy.
/// They must expose exactly the strategy's members and render every page as the strategy does.</summary>
public class ViewModelValuesTests
{
    [Fact]
    public void Typed_tables_answer_exactly_the_names_the_strategy_answers()
    {
        var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, new Casebook.Core.Diagnostics.DiagnosticBag())!;
        var types = Casebook.Core.Rendering.Theme.ViewModelTypes.Where(t => !t.IsAbstract).ToList();
        Assert.Contains(typeof(CaseCardVm), types);
        foreach (var type in types)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetGetMethod() is not null)
                .Select(p => Fluid.MemberNameStrategies.SnakeCase(p)).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(properties.Order(StringComparer.Ordinal), theme.TypedMemberNames(type).Order(StringComparer.Ordinal));
            Assert.All(properties, name => Assert.True(theme.StrategyAnswers(type, name), $"{type.Name}.{name}"));
        }
        Assert.Contains("fiscal_year_label", theme.TypedMemberNames(typeof(CaseCardVm)));
        Assert.Contains("partial", theme.TypedMemberNames(typeof(SearchFacetVm))); // a computed property, too
    }

    [Fact]
    public void Typed_tables_render_the_sample_site_as_the_strategy_does()
    {
        var graph = Pipeline.Check(new BuildOptions(Repo.Root, Path.Combine(Path.GetTempPath(), "unused"))).Graph!;
        List<RenderedPage> Render(bool typed)
        {
            var bag = new Casebook.Core.Diagnostics.DiagnosticBag();
            var theme = Casebook.Core.Rendering.Theme.Load(Repo.Theme, bag)!;
            theme.TypedMembers = typed;
            var renderer = new SiteRenderer(graph, theme, bag);
            var pages = renderer.Render(renderer.Jobs());
            Assert.Empty(bag.Sorted());
            return pages;
        }
        var typed = Render(true);
        var strategy = Render(false);
        Assert.Equal(strategy.Select(p => p.Path), typed.Select(p => p.Path));
        for (var i = 0; i < strategy.Count; i++)
            Assert.True(strategy[i].Html == typed[i].Html, strategy[i].Path);
        Assert.Contains(typed, p => p.Path.StartsWith("cases/", StringComparison.Ordinal) && p.Html.Contains("case-card"));
    }

    [Fact]
    public void Undefined_members_still_fail_under_strict_variables()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        var theme = site.CopyShippedTheme();
        var layout = Path.Combine(theme, "layouts", "case.liquid");
        File.WriteAllText(layout, File.ReadAllText(layout) + "{{ model.card.no_such_member }}");
        var strict = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: theme, StrictTemplates: true));
        Assert.False(strict.Success);
        Assert.Contains(strict.Diagnostics, d => d.Message.Contains("no_such_member"));
        var lenient = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: theme));
        Assert.True(lenient.Success, string.Join("\n", FixtureSite.Lines(lenient)));
    }
}
