using Microsoft.AspNetCore.StaticFiles;

namespace Casebook.Publishing.Hosting;

/// <summary>The Content-Type a file of the built site is served with: ASP.NET's table, plus Pagefind's index files;
/// text types say UTF-8, which is what the build writes.</summary>
public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Table = CreateTable();

    private static FileExtensionContentTypeProvider CreateTable()
    {
        var table = new FileExtensionContentTypeProvider();
        foreach (var ext in new[] { ".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter", ".pagefind" })
            table.Mappings[ext] = "application/octet-stream";
        table.Mappings[".wasm"] = "application/wasm";
        return table;
    }

    public static string For(string path)
    {
        if (!Table.TryGetContentType(path, out var type)) return "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "application/xml"
            ? type + "; charset=utf-8"
            : type;
    }
}
