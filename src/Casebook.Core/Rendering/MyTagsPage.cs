using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Rendering.ViewModels;

namespace Casebook.Core.Rendering;

/// <summary>Builds the model of /my/ (<see cref="MyTagsPageVm"/>).</summary>
public static class MyTagsPage
{
    public const string Layout = SiteFiles.MyLayout;

    public static MyTagsPageVm Build(SiteGraph g, Theme theme)
    {
        var s = g.Settings;
        var data = Json(new
        {
            base_path = s.BasePath,
            site = new { title = s.Title, url = s.BaseUrl.Length > 0 ? s.BaseUrl : s.BasePath },
            shards = SiteFiles.TitleShardCount(g.Cases.Count),
            titles_url = s.BasePath + SiteFiles.TitlesFolder,
            tags_url = s.BasePath + SiteFiles.ReaderTags,
        });
        return new MyTagsPageVm(theme.T("mytags_page_title"), data, StringsJson(theme));
    }

    /// <summary>UI strings for the scripts come from the theme's i18n file, never from the scripts.</summary>
    public static string StringsJson(Theme theme) => Json(theme.Strings
        .Where(kv => kv.Key.StartsWith("mytags_", StringComparison.Ordinal))
        .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));

    private static string Json(object value) =>
        JsonSerializer.Serialize(value, Casebook.Core.Text.JsonText.Options).Replace("</", "<\\/", StringComparison.Ordinal);
}
