using BenchmarkDotNet.Attributes;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Graph;
using Casebook.Core.Loading;
using Casebook.Core.Output;
using Casebook.Core.Rendering;
using Casebook.Core.Rendering.ViewModels;

namespace Casebook.Benchmarks;

/// <summary>The per-case stages of a build, on one generated case of 2–4 KB: front matter + YAML,
/// Markdown, template render, post-processing (UTF-8 encoding of the page and its JSON export record).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CaseStageBenchmarks
{
    private string _dir = "";
    private SourceText _source = null!;
    private Casebook.Core.Model.CaseStudy _case = null!;
    private MarkdownRenderer _markdown = null!;
    private Theme _theme = null!;
    private PageJob _job = null!;
    private object _model = null!;
    private SiteVm _site = null!;
    private string _html = "";
    private SiteGraph _graph = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot.Find();
        _dir = Path.Combine(Path.GetTempPath(), "casebook-bench-" + Environment.ProcessId);
        CorpusGenerator.Generate(60, _dir, root);
        var result = Pipeline.Check(new BuildOptions(_dir, Path.Combine(_dir, "_site"), ThemeDir: Path.Combine(root, "theme")));
        if (!result.Success || result.Graph is null)
            throw new InvalidOperationException("corpus does not build: " + string.Join("\n", result.Diagnostics.Take(5)));
        _graph = result.Graph;
        _case = _graph.Cases[_graph.Cases.Count / 2];
        _source = SourceReader.Read(Path.Combine(_dir, _case.SourcePath), _case.SourcePath, new DiagnosticBag())!;
        _markdown = new MarkdownRenderer(_graph.Settings.BasePath, _graph.Settings.AllowRawHtml);
        var bag = new DiagnosticBag();
        _theme = Theme.Load(Path.Combine(root, "theme"), bag)!;
        var renderer = new SiteRenderer(_graph, _theme, bag);
        _job = renderer.Jobs().First(j => j.Layout == "case" && j.SourcePath == _case.SourcePath);
        _model = _job.Model is Lazy<object> lazy ? lazy.Value : _job.Model;
        _site = new SiteVm(_graph.Settings.Title, "", "/", "/", "/search/", "/assets/", [], "ja", new Casebook.Core.Rendering.ViewModels.SiteUrlsVm("/cases/", "/volumes/", "/elements/", "/pillars/", "/tags/", "/matrix/", "/organizations/", "/regions/", "/checklists/", "/lessons/", "/glossary/", "/feed.xml", "/my/"));
        _html = _theme.Render("case", _model, _job.Meta, _site);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Benchmark(Description = "front matter + YAML")]
    public object? FrontMatterAndYaml() => CaseLoader.Load(_source, new DiagnosticBag());

    [Benchmark(Description = "Markdown")]
    public object Markdown() => _markdown.Render(_case.Markdown, _case.SourcePath, _case.BodyFirstLine - 1, new DiagnosticBag());

    [Benchmark(Description = "template render")]
    public string Template() => _theme.Render("case", _model, _job.Meta, _site);

    [Benchmark(Description = "post-process")]
    public object PostProcess()
    {
        var file = OutputFile.Text(_job.Link.File, _html);
        var json = new ExportRows().Json("x.json", _graph, [_case]);
        return (file, json);
    }
}
