namespace Casebook.Core.Model;

/// <summary>The three taxonomies every site has. casebook.yml may relabel them and declare their terms; their ids
/// are also the front-matter keys of a case and the first segment of their pages' URLs.</summary>
public static class TaxonomyIds
{
    /// <summary>総合相談体制確立のための7つの要素: closed and numbered.</summary>
    public const string Elements = "elements";
    /// <summary>3つの柱: closed.</summary>
    public const string Pillars = "pillars";
    /// <summary>テーマ: open; a case may add its own.</summary>
    public const string Tags = "tags";

    public static readonly IReadOnlyList<string> All = [Elements, Pillars, Tags];
}
