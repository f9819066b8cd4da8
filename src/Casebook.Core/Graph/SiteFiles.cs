namespace Casebook.Core.Graph;

/// <summary>Where the site map puts its generated files (besides pages). The stages that make or link them read
/// the paths from here, so a route is decided once, by the site map.</summary>
public static class SiteFiles
{
    /// <summary>The search page's facets with their counts.</summary>
    public const string SearchFacets = "search/facets.json";

    /// <summary>マイタグ's input suggestions: the site's tags.</summary>
    public const string ReaderTags = "data/tags.json";

    /// <summary>Case titles for /my/, in shards (<see cref="TitleShardCount"/>).</summary>
    public const string TitlesFolder = "data/case-titles/";

    /// <summary>Cases per title shard, on average: a shard stays near 10 KB.</summary>
    public const int CasesPerShard = 100;

    /// <summary>The print edition's page box from casebook.yml's print settings.</summary>
    public const string PrintPageCss = "assets/css/print-page.css";

    /// <summary>The layout of /my/, rendered only when the theme has it.</summary>
    public const string MyLayout = "my";

    public static int TitleShardCount(int cases) => Math.Max(1, (cases + CasesPerShard - 1) / CasesPerShard);
}
