namespace Casebook.Core.Model;

/// <summary>Where a case took place. Area is a 圏域 spanning several municipalities (山武圏域), named where
/// no single city applies.</summary>
public sealed record Region(string Prefecture, string City, string Ward, string Area = "")
{
    public string Display => string.Join(" ", new[] { Prefecture, Area, City, Ward }.Where(s => s.Length > 0));
    public bool IsEmpty => Prefecture.Length == 0 && City.Length == 0 && Ward.Length == 0 && Area.Length == 0;
}
