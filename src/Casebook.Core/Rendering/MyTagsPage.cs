using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Output;

namespace Casebook.Core.Rendering.ViewModels
{
    /// <summary>The reader's マイタグ page (/my/). It is filled in the browser from localStorage; DataJson tells the
    /// script where the site's title shards are and who the site is (written into exports), StringsJson holds
    /// the theme's <c>mytags_</c> strings.</summary>
    public sealed record MyTagsPageVm(string Title, string DataJson, string StringsJson);
}

namespace Casebook.Core.Rendering
{
    using Casebook.Core.Rendering.ViewModels;

    public static class MyTagsPage
    {
        public const string Layout = "my";

        public static MyTagsPageVm Build(SiteGraph g, Theme theme)
        {
            var s = g.Settings;
            var data = Json(new
            {
                base_path = s.BasePath,
                site = new { title = s.Title, url = s.BaseUrl.Length > 0 ? s.BaseUrl : s.BasePath },
                shards = ReaderData.ShardCount(g.Cases.Count),
                titles_url = s.BasePath + ReaderData.TitlesFolder,
                tags_url = s.BasePath + ReaderData.TagsFile,
            });
            return new MyTagsPageVm(theme.T("mytags_page_title"), data, StringsJson(theme));
        }

        /// <summary>UI strings for the scripts come from the theme's i18n file, never from the scripts.</summary>
        public static string StringsJson(Theme theme) => Json(theme.Strings
            .Where(kv => kv.Key.StartsWith("mytags_", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));

        private static string Json(object value) =>
            JsonSerializer.Serialize(value, JsonExport.Options).Replace("</", "<\\/", StringComparison.Ordinal);
    }
}
