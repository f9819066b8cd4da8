using Casebook.Tests.Support;

namespace Casebook.Tests.Publishing;

/// <summary>Photos reach the PDF: the print edition loads them before Chromium prints (no lazy loading there).</summary>
[Collection("browser")]
[Trait("Category", "Browser")]
[Trait("Category", "Cli")]
public class PdfImageTests
{
    [Fact]
    public async Task A_photo_in_a_case_is_an_image_in_the_pdf()
    {
        // The photo is in the second case, below the first page: lazy loading would leave it out.
        var text = FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "## きっかけ\n" + string.Concat(Enumerable.Repeat("長い本文の段落です。\n\n", 60)))
            + "\n" + FixtureSite.Case("beta", body: "## きっかけ\n\n::: figure\n![見守りステッカーを貼る店主](/assets/p/sticker.jpg)\n協力店の店先\n:::\n");
        using var site = new FixtureSite(text);
        site.WriteBytes("input/assets/p/sticker.jpg", TestImages.JpegWithMetadata(800, 600));
        var pdf = Path.Combine(site.Root, "out", "vol-a.pdf");
        var run = await CliRunner.RunAsync(["pdf", "--source", site.Root, "--volume", "vol-a", "--output", pdf]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var images = CliRunner.Tool("pdfimages", "-list", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(images);
        Assert.Contains("協力店の店先", CliRunner.Tool("pdftotext", "-enc", "UTF-8", pdf, "-"));
    }
}
