namespace Casebook.Core.Model;

public sealed record Region(string Prefecture, string City, string Ward)
{
    public string Display => string.Join(" ", new[] { Prefecture, City, Ward }.Where(s => s.Length > 0));
    public bool IsEmpty => Prefecture.Length == 0 && City.Length == 0 && Ward.Length == 0;
}
