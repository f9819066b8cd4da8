using System.Globalization;
using System.Text;

namespace Casebook.Core.Importing;

/// <summary>The case file an import writes: the front matter in the order of <c>casebook new case</c>, every field
/// present (empty where the document did not say) so the editor sees what is left to fill in, then the body.</summary>
public static class CaseFileComposer
{
    public static string Compose(ImportRequest request, CaseFields fields, string body)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append($"id: {request.CaseId}\n");
        sb.Append($"title: {MarkdownText.Yaml(fields.Title)}\n");
        sb.Append($"subtitle: {MarkdownText.Yaml(fields.Subtitle)}\n");
        sb.Append("summary: \"\"\n");
        sb.Append($"organization: {MarkdownText.Yaml(fields.Organization)}\n");
        sb.Append($"authors: [{string.Join(", ", fields.Authors.Select(MarkdownText.Yaml))}]\n");
        sb.Append("region:\n  prefecture: \"\"\n  city: \"\"\n  ward: \"\"\n");
        sb.Append($"volume: {request.VolumeId}\n");
        sb.Append($"fiscal_year: {request.FiscalYear.ToString(CultureInfo.InvariantCulture)}\n");
        sb.Append($"elements: [{string.Join(", ", fields.Elements.Select(n => n.ToString(CultureInfo.InvariantCulture)))}]\n");
        sb.Append("pillars: []\n");
        sb.Append("tags: []\n");
        sb.Append("---\n\n");
        sb.Append(body);
        return sb.ToString();
    }
}
