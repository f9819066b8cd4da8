using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Casebook.Core;
using Casebook.Tests.Support;

namespace Casebook.Tests.Content;

/// <summary>The repository's sample site built once in memory; content tests read its pages and exports.</summary>
public sealed class SampleSite
{
    private readonly Dictionary<string, byte[]> _files;

    public SampleSite()
    {
        var output = Path.Combine(Path.GetTempPath(), "casebook-content-" + Guid.NewGuid().ToString("N")[..8]);
        var result = Pipeline.Run(new BuildOptions(Repo.Root, output, WriteOutput: false));
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        _files = result.Files.ToDictionary(f => f.Path.Replace('\\', '/'), f => f.Bytes, StringComparer.Ordinal);
    }

    public IEnumerable<string> Paths => _files.Keys;

    public string Text(string path)
    {
        Assert.True(_files.TryGetValue(path, out var bytes), $"{path} was not built");
        var text = Encoding.UTF8.GetString(bytes!);
        return text.TrimStart('\uFEFF');
    }

    public IDocument Html(string path) => new HtmlParser().ParseDocument(Text(path));
}
