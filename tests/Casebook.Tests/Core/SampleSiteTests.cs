using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core;

/// <summary>The repository's own sample site: it must check clean and render with strict templates.</summary>
public class SampleSiteTests
{
    [Fact]
    public void Sample_site_checks_clean_and_every_template_variable_exists()
    {
        var output = Path.Combine(Path.GetTempPath(), "casebook-strict-" + Guid.NewGuid().ToString("N")[..8]);
        var result = Pipeline.Run(new BuildOptions(Repo.Root, output, StrictTemplates: true, WriteOutput: false));
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.True(result.Graph!.Cases.Count >= 28);
        Assert.True(result.Files.Count > 100);
    }
}
