using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Casebook.Core.PostProcessing;

/// <summary>Post-processing pass for the print edition, where a whole volume becomes one document:
/// body headings move one level down (the case title is the h2, so the PDF outline nests sections under
/// their case), ids get a per-case prefix so they stay unique, in-page links follow them, and glossary
/// links point at the glossary printed in the same document.</summary>
public static class PrintBody
{
    /// <param name="localTarget">Maps a link's href to an in-document fragment ("#g-cp"), or null to keep it.</param>
    public static string Prepare(string html, string idPrefix, Func<string, string?> localTarget)
    {
        if (html.Length == 0) return html;
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var body = document.Body!;

        foreach (var heading in body.QuerySelectorAll("h1, h2, h3, h4, h5").ToList())
        {
            var level = heading.LocalName[1] - '0';
            var lower = document.CreateElement("h" + (level + 1));
            foreach (var attr in heading.Attributes) lower.SetAttribute(attr.Name, attr.Value);
            while (heading.FirstChild is { } child) lower.AppendChild(child);
            heading.Replace(lower);
        }

        foreach (var element in body.QuerySelectorAll("[id]"))
            element.Id = idPrefix + element.Id;

        foreach (var link in body.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            if (href.StartsWith('#') && href.Length > 1) link.SetAttribute("href", "#" + idPrefix + href[1..]);
            else if (localTarget(href) is { } local) link.SetAttribute("href", local);
        }
        return body.InnerHtml;
    }
}
