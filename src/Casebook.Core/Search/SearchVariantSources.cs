using System.Text.RegularExpressions;
using Casebook.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Casebook.Core.Search;

/// <summary>Where a site's variant groups come from, in the order that decides their keys: Casebook's data file
/// (Search/variants.yml, embedded), each glossary abbreviation with its expansion, then casebook.yml's
/// <c>search.variants</c> and <c>search.synonyms</c>.</summary>
public static partial class SearchVariantSources
{
    private static readonly Lazy<List<List<string>>> Shipped = new(ReadShipped);

    /// <summary>The groups of Casebook's own data file.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Default => Shipped.Value;

    public static SearchVariants For(SiteContent content)
    {
        var glossary = content.Glossaries.SelectMany(g => g.Entries).Select(e => (IReadOnlyList<string>)[e.Abbr, Head(e.Expansion)]);
        return SearchVariants.From(Default.Concat(glossary).Concat(content.Settings.Search.Variants).Concat(content.Settings.Search.Synonyms));
    }

    /// <summary>An expansion without its trailing note in parentheses: 生活支援コーディネーター（地域支え合い推進員） → 生活支援コーディネーター.</summary>
    public static string Head(string expansion) => TrailingNote().Replace(expansion, "").Trim();

    private static List<List<string>> ReadShipped()
    {
        using var stream = typeof(SearchVariantSources).Assembly.GetManifestResourceStream("Casebook.Core.Search.variants.yml")
            ?? throw new InvalidOperationException("Search/variants.yml is not embedded in Casebook.Core");
        var yaml = new YamlStream();
        yaml.Load(new StreamReader(stream));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root.Children[new YamlScalarNode("groups")])
            .Select(g => ((YamlSequenceNode)g).Select(f => ((YamlScalarNode)f).Value!).ToList()).ToList();
    }

    [GeneratedRegex(@"\s*[（(][^（()）]*[)）]\s*$")]
    private static partial Regex TrailingNote();
}
