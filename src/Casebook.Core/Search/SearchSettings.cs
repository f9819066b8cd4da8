using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using YamlDotNet.RepresentationModel;

namespace Casebook.Core.Search;

/// <summary>casebook.yml's <c>search:</c> section: the site's own variant groups (<c>variants</c>) and synonyms
/// (<c>synonyms</c>, e.g. <c>[独居, 一人暮らし]</c>). Both are lists of groups of spellings; they differ only in what
/// they are for. See docs/search.md.</summary>
public sealed record SearchSettings(IReadOnlyList<IReadOnlyList<string>> Variants, IReadOnlyList<IReadOnlyList<string>> Synonyms)
{
    public static SearchSettings Empty { get; } = new([], []);

    /// <summary>Reads the section, reporting every group that cannot be used (all of them, in one run).</summary>
    public static SearchSettings Load(YamlMap? search, DiagnosticBag diagnostics)
    {
        if (search is null) return Empty;
        var variants = Groups(search, "variants", diagnostics);
        var synonyms = Groups(search, "synonyms", diagnostics);
        search.ReportUnknownKeys();
        return new SearchSettings(variants, synonyms);
    }

    private static List<IReadOnlyList<string>> Groups(YamlMap search, string key, DiagnosticBag diagnostics)
    {
        var groups = new List<IReadOnlyList<string>>();
        var node = search.Node(key);
        if (node is null) return groups;
        var name = "search." + key;
        if (node is not YamlSequenceNode list)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, $"「{name}」には、同じ意味の語のグループ（[独居, 一人暮らし]）を1行に1つずつ「- 」で並べてください。", search.Span(node));
            return groups;
        }
        foreach (var item in list)
        {
            var span = search.Span(item);
            if (item is YamlScalarNode scalar)
            {
                var parts = (scalar.Value ?? "").Split([',', '、', '，', '↔', '=', '＝'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var hint = parts.Length > 1 ? $"[{string.Join(", ", parts)}] のように角かっこで囲んでください。" : "2つ以上の語を [語1, 語2] のように書いてください。";
                diagnostics.Error(DiagnosticCodes.SearchGroupNotList, $"「{name}」の「{scalar.Value}」はグループになっていません。{hint}", span);
                continue;
            }
            if (item is not YamlSequenceNode seq)
            {
                diagnostics.Error(DiagnosticCodes.SearchGroupNotList, $"「{name}」のグループは [語1, 語2] のような語のリストにしてください。", span);
                continue;
            }
            var forms = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var usable = true;
            foreach (var f in seq)
            {
                if (f is not YamlScalarNode s || string.IsNullOrWhiteSpace(s.Value))
                {
                    diagnostics.Error(DiagnosticCodes.SearchFormInvalid, $"「{name}」のグループに空の項目や入れ子のリストがあります。語だけを書いてください。", search.Span(f));
                    usable = false;
                    continue;
                }
                var normalized = SearchVariants.NormalizeForm(s.Value);
                if (!normalized.Any(char.IsLetterOrDigit))
                {
                    diagnostics.Error(DiagnosticCodes.SearchFormInvalid, $"「{s.Value}」には文字がありません（記号だけの語は検索できません）。", search.Span(s));
                    usable = false;
                    continue;
                }
                if (normalized.Length == 1)
                    diagnostics.Warning(DiagnosticCodes.SearchFormShort, $"「{s.Value}」は1文字なので、この字を含むすべてのページに当たります。2文字以上の語にしてください。", search.Span(s));
                if (seen.Add(normalized)) forms.Add(s.Value.Trim());
            }
            if (usable && forms.Count < 2)
                diagnostics.Error(DiagnosticCodes.SearchGroupTooSmall, $"「{name}」のグループには、全角・半角の違いを除いて異なる語が2つ以上必要です（{string.Join("、", forms.Select(x => $"「{x}」"))}）。", span);
            else if (usable) groups.Add(forms);
        }
        return groups;
    }
}
