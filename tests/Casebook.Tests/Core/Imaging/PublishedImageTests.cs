using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Tests.Support;
using SkiaSharp;

namespace Casebook.Tests.Core.Imaging;

/// <summary>Photos in cases: published without metadata, upright, in several widths, with alt text checked.</summary>
public class PublishedImageTests
{
    private static FixtureSite Site(string body, string config = "")
    {
        var site = new FixtureSite(FixtureSite.Config.Replace("site:\n  title: テストサイト", "site:\n  title: テストサイト" + config) + "\n"
            + FixtureSite.Case("alpha", body: body) + "\n" + FixtureSite.Case("beta"));
        return site;
    }

    private static byte[] Output(FixtureSite site, string path) => File.ReadAllBytes(Path.Combine(site.Output, path));

    /// <summary>What a published JPEG must not contain: an APP1 segment (EXIF or XMP), APP13 (IPTC), or the tag values.</summary>
    private static void AssertNoMetadata(byte[] jpeg)
    {
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        for (var i = 2; i + 4 < jpeg.Length && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA;)
        {
            var marker = jpeg[i + 1];
            Assert.False(marker is 0xE1 or 0xED, $"metadata segment 0xFF{marker:X2} at {i}");
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        var text = Encoding.Latin1.GetString(jpeg);
        foreach (var leak in new[] { "Exif", "PhoneMaker", "Pocket Camera", "Owner Name", "ns.adobe.com", "Photoshop 3.0" })
            Assert.DoesNotContain(leak, text);
    }

    [Fact]
    public void A_phone_photo_is_published_upright_without_gps_camera_or_owner_in_several_widths()
    {
        // Stored 1800×900 (left half red, right half blue) with orientation 6: seen upright it is 900×1800, red on top.
        var original = TestImages.JpegWithMetadata(1800, 900, orientation: 6);
        Assert.Contains("PhoneMaker", Encoding.Latin1.GetString(original));
        using var site = Site("## きっかけ\n本文。\n\n![商店街の協力店の店先](/assets/photos/shop.jpg)\n");
        site.WriteBytes("input/assets/photos/shop.jpg", original);
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));

        var img = site.Html("cases/alpha/index.html").QuerySelector("img")!;
        Assert.Equal("/assets/photos/shop.jpg", img.GetAttribute("src"));
        Assert.Equal("/assets/photos/shop-480w.jpg 480w, /assets/photos/shop.jpg 900w", img.GetAttribute("srcset"));
        Assert.False(string.IsNullOrEmpty(img.GetAttribute("sizes")));
        Assert.Equal(("900", "1800"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("商店街の協力店の店先", img.GetAttribute("alt"));

        foreach (var (path, width, height) in new[] { ("assets/photos/shop.jpg", 900, 1800), ("assets/photos/shop-480w.jpg", 480, 960) })
        {
            var bytes = Output(site, path);
            AssertNoMetadata(bytes);
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
            var top = bitmap.GetPixel(width / 2, height / 8);
            var bottom = bitmap.GetPixel(width / 2, height * 7 / 8);
            Assert.True(top.Red > 150 && top.Blue < 100, $"top {top}");
            Assert.True(bottom.Blue > 150 && bottom.Red < 100, $"bottom {bottom}");
        }
        if (ExifTool() is { } exiftool)
        {
            var tags = CliRunner.Tool(exiftool, "-a", "-G1", "-s", Path.Combine(site.Output, "assets/photos/shop.jpg"));
            foreach (var tag in new[] { "GPS", "Make", "Model", "Artist", "Orientation", "XMP", "Creator" })
                Assert.DoesNotContain(tag, tags.Split('\n').Where(l => !l.StartsWith("[System]") && !l.StartsWith("[ExifTool]") && !l.StartsWith("[File]")));
        }
    }

    private static string? ExifTool() => File.Exists("/usr/bin/exiftool") ? "/usr/bin/exiftool" : null;

    [Fact]
    public void Rebuilds_are_byte_identical_with_and_without_the_cache()
    {
        using var site = Site("![写真](/assets/a.jpg)\n\n![図](/assets/b.png)\n");
        site.WriteBytes("input/assets/a.jpg", TestImages.JpegWithMetadata(1600, 1200));
        site.WriteBytes("input/assets/b.png", TestImages.Png(1000, 500));
        string[] files = ["assets/a.jpg", "assets/a-480w.jpg", "assets/a-960w.jpg", "assets/b.png", "assets/b-480w.png", "assets/b-960w.png"];
        Assert.True(site.Build().Success);
        var first = files.Select(f => Output(site, f)).ToList();
        Assert.True(site.Build().Success);                                          // from the cache
        Assert.Equal(first, files.Select(f => Output(site, f)).ToList());
        Directory.Delete(Path.Combine(site.Root, ".casebook-cache"), true);
        Assert.True(site.Build().Success);                                          // encoded again
        Assert.Equal(first, files.Select(f => Output(site, f)).ToList());
        using var a = SKBitmap.Decode(first[0]);
        Assert.Equal(1440, a.Width);                                                 // capped
    }

    [Fact]
    public void A_corrupt_photo_is_an_error_not_a_crash_and_nothing_is_published()
    {
        using var site = Site("![写真](/assets/broken.jpg)\n");
        var jpeg = TestImages.Jpeg(400, 300);
        site.WriteBytes("input/assets/broken.jpg", jpeg[..(jpeg.Length / 3)]);
        site.WriteBytes("input/assets/notes.png", Encoding.UTF8.GetBytes("これは画像ではありません"));
        var check = site.Check();
        var build = site.Build();
        foreach (var r in new[] { check, build })
        {
            Assert.False(r.Success);
            Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.ImageUnreadable && d.Span.Path == "input/assets/broken.jpg");
            Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.ImageUnreadable && d.Span.Path == "input/assets/notes.png");
        }
        Assert.False(site.OutputExists("assets/broken.jpg"));
    }

    [Fact]
    public void A_photo_whose_smaller_copies_names_would_be_too_long_is_an_error_at_the_file_not_an_io_failure()
    {
        // 82 kanji + ".jpg" is 250 bytes: the file itself fits, its 1440 px copy ("-1440w") would be 256 bytes.
        var longName = new string('写', 82) + ".jpg";
        var fits = new string('写', 80) + ".jpg";
        using var site = Site($"![長い名前](/assets/{longName})\n\n![ちょうど](/assets/{fits})\n");
        site.WriteBytes("input/assets/" + longName, TestImages.Jpeg(1600, 1200));
        site.WriteBytes("input/assets/" + fits, TestImages.Jpeg(1600, 1200));
        site.WriteBytes("input/assets/broken.jpg", TestImages.Jpeg(400, 300)[..100]);
        foreach (var r in new[] { site.Check(), site.Build() })
        {
            Assert.False(r.Success);
            var error = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.NameTooLong);
            Assert.Equal("input/assets/" + longName, error.Span.Path);
            Assert.Contains("画像のファイル名「写写写写写写写写写写写写写写写写写写写写…」が長すぎます（86 文字）", error.Message);
            // Reported with the build's other errors, in one run.
            Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.ImageUnreadable && d.Span.Path == "input/assets/broken.jpg");
            Assert.DoesNotContain(r.Diagnostics, d => d.Span.Path == "input/assets/" + fits);
        }
    }

    [Fact]
    public void Missing_alt_text_is_a_warning_or_an_error_when_the_site_requires_it()
    {
        const string body = "## きっかけ\n本文。\n\n![](/assets/a.jpg)\n\n::: figure\n![](/assets/a.jpg)\n説明\n:::\n";
        using (var site = Site(body))
        {
            site.WriteBytes("input/assets/a.jpg", TestImages.Jpeg(100, 80));
            var r = site.Check();
            Assert.True(r.Success);
            var warnings = r.Diagnostics.Where(d => d.Code == DiagnosticCodes.ImageMissingAlt).ToList();
            Assert.Equal(2, warnings.Count);
            Assert.All(warnings, w => Assert.Equal(Severity.Warning, w.Severity));
            Assert.Equal(["input/cases/alpha.md(16,1)", "input/cases/alpha.md(19,1)"], warnings.Select(w => w.ToString().Split(':')[0]));
        }
        using (var strict = Site(body, "\n  require_alt: true"))
        {
            strict.WriteBytes("input/assets/a.jpg", TestImages.Jpeg(100, 80));
            var r = strict.Check();
            Assert.False(r.Success);
            Assert.Equal(2, r.Diagnostics.Count(d => d.Code == DiagnosticCodes.ImageMissingAlt && d.Severity == Severity.Error));
        }
    }

    [Fact]
    public void A_figure_has_its_caption_and_credit_and_appears_in_the_print_edition()
    {
        using var site = Site("## きっかけ\n\n::: figure\n![見守りステッカーを貼る店主](/assets/p/sticker.jpg)\n協力店の店先。\n左が店主。\n提供：港南区社会福祉協議会\n:::\n\n続きの本文。\n");
        site.WriteBytes("input/assets/p/sticker.jpg", TestImages.Jpeg(1200, 800));
        var r = site.Build();
        Assert.True(r.Success, string.Join("\n", FixtureSite.Lines(r)));
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.UnknownContainer);   // ::: figure is not a custom container
        var figure = site.Html("cases/alpha/index.html").QuerySelector("figure.figure")!;
        Assert.Equal("見守りステッカーを貼る店主", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("800", figure.QuerySelector("img")!.GetAttribute("height"));
        Assert.Equal("協力店の店先。左が店主。提供：港南区社会福祉協議会", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("提供：港南区社会福祉協議会", figure.QuerySelector(".figure__credit")!.TextContent);

        var print = site.Html("volumes/vol-a/print/index.html").QuerySelector("figure img")!;
        Assert.Equal("/assets/p/sticker.jpg", print.GetAttribute("src"));
        Assert.Null(print.GetAttribute("loading"));      // printing must not wait for a scroll
    }
}
