using System.Net;
using System.Text;
using Casebook.Tests.Support;

namespace Casebook.Tests.Cli.Serve;

/// <summary>casebook serve shows the published copies of a photo (every srcset entry), not the original.</summary>
public class ServedImageTests
{
    [Fact]
    public async Task Preview_serves_each_published_copy_without_metadata()
    {
        var txtar = FixtureSite.Config + "\n" + FixtureSite.Case("alpha", body: "![店先](/assets/p/shop.jpg)\n") + "\n" + FixtureSite.Case("beta");
        await using var s = await ServeSite.StartAsync(txtar, site => site.WriteBytes("input/assets/p/shop.jpg", TestImages.JpegWithMetadata(1200, 900)));
        var html = await s.Http.GetStringAsync(s.Server.Origin + "/cases/alpha/");
        var img = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("img")!;
        var urls = img.GetAttribute("srcset")!.Split(", ").Select(c => c.Split(' ')[0]).ToList();
        Assert.Equal(["/assets/p/shop-480w.jpg", "/assets/p/shop-960w.jpg", "/assets/p/shop.jpg"], urls);
        foreach (var url in urls)
        {
            var response = await s.Http.GetAsync(s.Server.Origin + url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.DoesNotContain("PhoneMaker", Encoding.Latin1.GetString(bytes));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync(s.Server.Origin + "/assets/p/shop-123w.jpg")).StatusCode);
    }
}
