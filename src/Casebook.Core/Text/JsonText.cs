using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Casebook.Core.Text;

/// <summary>How the site writes JSON, in pages (JSON-LD, script data) and in exports alike: Japanese as it is, not
/// as \u escapes, indented.</summary>
public static class JsonText
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };
}
