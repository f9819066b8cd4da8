using System.Text.Json;
using Casebook.Core.Graph;
using Casebook.Core.Model;
using Casebook.Core.Text;

namespace Casebook.Core.Rendering;

/// <summary>A case page's schema.org Article. Written field by field: serialising a dictionary of objects per case
/// page went through the serializer's polymorphic path for every value (10,000 pages).</summary>
public static class CaseJsonLd
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JsonText.Options.Encoder, Indented = true };

    // One buffer and writer per thread, reset for each case page (10,000 pages each made a growing buffer and a writer).
    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static string For(SiteGraph g, CaseStudy c, Permalink link)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = t_writer ??= new Utf8JsonWriter(buffer, Options);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteString("@context", "https://schema.org");
        w.WriteString("@type", "Article");
        w.WriteString("headline", c.Title);
        w.WriteString("inLanguage", "ja");
        w.WriteStartArray("author");
        foreach (var a in c.Authors) Typed(w, "Person", a);
        w.WriteEndArray();
        w.WritePropertyName("publisher");
        Typed(w, "Organization", c.Organization);
        w.WriteString("keywords", string.Join(",", c.AllTerms.Select(t => t.Label)));
        w.WriteString("url", Absolute(g, link.Url));
        if (c.Summary.Length > 0) w.WriteString("description", c.Summary);
        if (g.VolumeOf(c) is { } v)
        {
            w.WriteStartObject("isPartOf");
            w.WriteString("@type", "Book");
            w.WriteString("name", v.Title);
            w.WritePropertyName("publisher");
            Typed(w, "Organization", v.Publisher);
            w.WriteString("url", Absolute(g, g.Links.Volume(v.Id).Url));
            w.WriteEndObject();
            if (g.CaseNumber(c) > 0) w.WriteNumber("position", g.CaseNumber(c));
        }
        w.WriteEndObject();
        w.Flush();
        var json = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1 << 16) t_buffer = null; // one huge case does not stay with the thread
        return json.Contains("</", StringComparison.Ordinal) ? json.Replace("</", "<\\/", StringComparison.Ordinal) : json;
    }

    private static void Typed(Utf8JsonWriter w, string type, string name)
    {
        w.WriteStartObject();
        w.WriteString("@type", type);
        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static string Absolute(SiteGraph g, string url) =>
        g.Settings.BaseUrl.Length > 0 ? g.Settings.BaseUrl + url[g.Settings.BasePath.Length..] : url;
}
