using System.Text;

namespace Casebook.Core.Importing;

/// <summary>The table of the 7 elements (総合相談体制確立のための7つの要素) that council forms carry: one row (or
/// column) per element, named ①–⑦ or 1–7, with a mark (✔ ✓ ○ ● …) on those the case shows.</summary>
public static class ElementTable
{
    private const string Marks = "✔✓✅☑○●◯〇◎";

    /// <summary>The marked element numbers, in order, or null when the table is not an element table.</summary>
    public static IReadOnlyList<int>? Read(IReadOnlyList<IReadOnlyList<string>> cells)
    {
        return ReadRows(cells) ?? ReadRows(Transpose(cells));
    }

    private static IReadOnlyList<int>? ReadRows(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var seen = new HashSet<int>();
        var marked = new SortedSet<int>();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                if (Number(row[c]) is not int n || !seen.Add(n)) continue;
                // The mark may stand in another cell or before the number in the same one ("✔ ① …").
                if (row.Any(HasMark)) marked.Add(n);
                break;
            }
        }
        // A table that merely mentions a few numbers is no element table: most of the seven must be rows.
        return seen.Count >= 5 ? marked.ToList() : null;
    }

    private static bool HasMark(string cell) => cell.Any(ch => Marks.Contains(ch));

    /// <summary>The element a cell names: ① … ⑦, or 1–7 (half- or full-width, 要素 before it allowed) at its start.</summary>
    public static int? Number(string cell)
    {
        var t = cell.Normalize(NormalizationForm.FormKC).Trim();
        t = t.TrimStart(Marks.ToCharArray()).TrimStart();
        if (t.StartsWith("要素", StringComparison.Ordinal)) t = t[2..].TrimStart();
        if (t.Length == 0) return null;
        // NFKC turns ① into 1, so circled and plain numbers meet here.
        if (!char.IsAsciiDigit(t[0]) || t[0] is '0' or '8' or '9') return null;
        if (t.Length > 1 && char.IsAsciiDigit(t[1])) return null;
        return t[0] - '0';
    }

    private static IReadOnlyList<IReadOnlyList<string>> Transpose(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        return Enumerable.Range(0, width).Select(c => (IReadOnlyList<string>)rows.Select(r => c < r.Count ? r[c] : "").ToList()).ToList();
    }
}
