using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Casebook.Core.Rendering.Print;

/// <summary>A case body (or foreword) as the print edition shows it, where a whole volume becomes one document:
/// body headings move one level down (the case title is the h2, so the PDF outline nests sections under
/// their case), ids get a per-case prefix so they stay unique, in-page links follow them, and glossary
/// links point at the glossary printed in the same document.</summary>
public static class PrintBody
{
    /// <param name="localTarget">Maps a link's href to an in-document fragment ("#g-cp"), or null to keep it.</param>
    public static string Prepare(string html, string idPrefix, Func<string, string?> localTarget)
    {
        if (html.Length == 0) return html;
        // Markdig's own markup is read as tokens; anything else (raw HTML) goes through AngleSharp.
        if (HtmlFragment.TryParse(html) is not { } fragment) return PrepareParsed(html, idPrefix, localTarget);
        var sb = new StringBuilder(html.Length + 256);
        foreach (var token in fragment.Tokens)
        {
            if (token.Kind == HtmlFragment.Kind.Text) { HtmlFragment.WriteText(sb, token.Text); continue; }
            var name = token.Name is ['h', >= '1' and <= '5'] ? "h" + (char)(token.Name[1] + 1) : token.Name;
            if (token.Kind == HtmlFragment.Kind.End) { sb.Append("</").Append(name).Append('>'); continue; }
            sb.Append('<').Append(name);
            if (token.Attributes is { } attributes)
                foreach (var (attr, value) in attributes)
                {
                    // A printed document loads every picture before the page is laid out, not when scrolled to.
                    if (attr == "loading" && token.Name == "img") continue;
                    var v = value;
                    if (attr == "id") v = idPrefix + value;
                    else if (attr == "href" && token.Name == "a")
                    {
                        if (value.StartsWith('#') && value.Length > 1) v = "#" + idPrefix + value[1..];
                        else if (localTarget(value) is { } local) v = local;
                    }
                    HtmlFragment.WriteAttribute(sb, attr, v);
                }
            sb.Append('>');
        }
        return sb.ToString();
    }

    /// <summary>The same pass over an AngleSharp document: for markup <see cref="HtmlFragment"/> does not take.</summary>
    internal static string PrepareParsed(string html, string idPrefix, Func<string, string?> localTarget)
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

        foreach (var img in body.QuerySelectorAll("img[loading]")) img.RemoveAttribute("loading");

        foreach (var link in body.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            if (href.StartsWith('#') && href.Length > 1) link.SetAttribute("href", "#" + idPrefix + href[1..]);
            else if (localTarget(href) is { } local) link.SetAttribute("href", local);
        }
        return body.InnerHtml;
    }
}
