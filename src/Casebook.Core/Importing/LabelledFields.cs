using System.Text;
using System.Text.RegularExpressions;

namespace Casebook.Core.Importing;

/// <summary>Lines such as 「社協名：中区社会福祉協議会」 or 「執筆者：米本 美穂、山田 太郎」 that council forms put above
/// the text (as paragraphs or as two-cell table rows). Each label says which front-matter field the value fills.</summary>
public static partial class LabelledFields
{
    public enum Field { Organization, Authors, Subtitle }

    private static readonly Dictionary<string, Field> Labels = new(StringComparer.Ordinal)
    {
        ["社協名"] = Field.Organization, ["団体名"] = Field.Organization, ["組織名"] = Field.Organization,
        ["法人名"] = Field.Organization, ["所属"] = Field.Organization,
        ["執筆者"] = Field.Authors, ["担当者"] = Field.Authors, ["執筆者名"] = Field.Authors, ["担当者名"] = Field.Authors,
        ["報告者"] = Field.Authors, ["記入者"] = Field.Authors, ["作成者"] = Field.Authors,
        ["副題"] = Field.Subtitle, ["サブタイトル"] = Field.Subtitle,
    };

    /// <summary>The field and value of a labelled line, or null.</summary>
    public static (Field Field, string Value)? Match(string line)
    {
        var m = LabelLine().Match(line.Trim());
        if (!m.Success) return null;
        var label = m.Groups[1].Value.Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal).TrimStart('【', '[', '■', '●', '・').TrimEnd('】', ']');
        return Labels.TryGetValue(label, out var field) && m.Groups[2].Value.Trim().Length > 0 ? (field, m.Groups[2].Value.Trim()) : null;
    }

    /// <summary>A label/value table row: the first cell a label (a colon optional), the second its value.</summary>
    public static (Field Field, string Value)? MatchCells(IReadOnlyList<string> cells)
    {
        if (cells.Count != 2) return null;
        var label = cells[0].Trim().TrimEnd(':', '：');
        return Match(label + "：" + cells[1]);
    }

    /// <summary>Names separated by 、 , ， ／ / or ; (a space stays inside a name: 山田 太郎).</summary>
    public static List<string> Names(string value) =>
        value.Split(['、', ',', '，', '／', '/', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Trim('　', ' ')).Where(n => n.Length > 0).ToList();

    // 【社協名】 中区社協, 社協名：中区社協, 社協名: 中区社協
    [GeneratedRegex(@"^([【\[■●・]?\s*[^\s:：【】\[\]]{2,8}\s*[】\]]?)\s*(?:[:：]|(?<=[】\]]))\s*(.+)$")]
    private static partial Regex LabelLine();
}
