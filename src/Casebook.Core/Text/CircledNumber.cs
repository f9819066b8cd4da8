namespace Casebook.Core.Text;

public static class CircledNumber
{
    /// <summary>1 → ①, as the seven elements are numbered in print; beyond ⑳ a parenthesised number.</summary>
    public static string Format(int n) => n is >= 1 and <= 20 ? ((char)('①' + n - 1)).ToString() : $"({n})";
}
