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
        // Markdig's own markup is rewritten as it is read, into a buffer kept by the thread; anything else (raw HTML)
        // goes through AngleSharp.
        var buffer = t_buffer ??= new CharBuffer(1 << 14);
        buffer.Clear();
        var pass = new Pass(buffer, idPrefix, localTarget);
        var result = HtmlFragment.Read(html, ref pass) ? buffer.ToString() : PrepareParsed(html, idPrefix, localTarget);
        if (buffer.Length > 1 << 20) t_buffer = null; // one huge body does not stay with the thread
        return result;
    }

    [ThreadStatic] private static CharBuffer? t_buffer;

    /// <summary>The print pass over the tokens of <see cref="HtmlFragment.Read"/>, written out as they come.</summary>
    private readonly struct Pass(CharBuffer sb, string idPrefix, Func<string, string?> localTarget) : IHtmlTokenSink
    {
        public void Text(ReadOnlySpan<char> text) => HtmlFragment.WriteText(sb, text);

        public void StartTag(string name)
        {
            sb.Append('<');
            sb.Append(Renamed(name));
        }

        public void Attribute(string element, ReadOnlySpan<char> attr, ReadOnlySpan<char> value)
        {
            // A printed document loads every picture before the page is laid out, not when scrolled to.
            if (element == "img" && attr.SequenceEqual("loading")) return;
            if (attr.SequenceEqual("id"))
            {
                HtmlFragment.WriteAttribute(sb, attr, idPrefix, value);
                return;
            }
            if (element == "a" && attr.SequenceEqual("href"))
            {
                if (value.Length > 1 && value[0] == '#')
                {
                    HtmlFragment.WriteAttribute(sb, attr, "#" + idPrefix, value[1..]);
                    return;
                }
                if (localTarget(value.ToString()) is { } local)
                {
                    HtmlFragment.WriteAttribute(sb, attr, local);
                    return;
                }
            }
            HtmlFragment.WriteAttribute(sb, attr, value);
        }

        public void StartTagEnd(string name) => sb.Append('>');

        public void EndTag(string name)
        {
            sb.Append("</");
            sb.Append(Renamed(name));
            sb.Append('>');
        }

        /// <summary>Body headings one level down (h6 stays h6).</summary>
        private static string Renamed(string name) => name switch
        {
            "h1" => "h2", "h2" => "h3", "h3" => "h4", "h4" => "h5", "h5" => "h6", _ => name,
        };
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
