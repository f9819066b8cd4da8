using System.Text;
using System.Text.Json;
using Casebook.Core.Diagnostics;

namespace Casebook.Core.Editing;

/// <summary>A JSON value with the line and column where it starts, so a problem in a file a person made (or
/// edited) can be reported at its place. Built with <see cref="Utf8JsonReader"/>, which gives byte offsets.</summary>
public sealed class JsonValueAt
{
    public JsonValueKind Kind { get; private init; }
    public string? String { get; private init; }
    public double? Number { get; private init; }
    public List<KeyValuePair<string, JsonValueAt>> Properties { get; } = new();
    public List<JsonValueAt> Items { get; } = new();
    public int Line { get; private init; }
    public int Column { get; private init; }

    public JsonValueAt? this[string name] => Properties.FirstOrDefault(p => p.Key == name).Value;

    public SourceSpan Span(string path) => new(path, Line, Column);

    /// <summary>Parses UTF-8 JSON (a BOM is allowed). A syntax error throws the reader's <see cref="JsonException"/>
    /// (0-based <c>LineNumber</c> and <c>BytePositionInLine</c>).</summary>
    public static JsonValueAt Parse(byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var data = new ReadOnlySpan<byte>(bytes, start, bytes.Length - start);
        var lines = new Lines(bytes, start);
        var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        reader.Read();                // throws on empty input
        var value = Read(ref reader, lines);
        reader.Read();                // throws on anything after the value
        return value;
    }

    private static JsonValueAt Read(ref Utf8JsonReader reader, Lines lines)
    {
        var (line, column) = lines.At((int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var obj = new JsonValueAt { Kind = JsonValueKind.Object, Line = line, Column = column };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    obj.Properties.Add(new(name, Read(ref reader, lines)));
                }
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                var array = new JsonValueAt { Kind = JsonValueKind.Array, Line = line, Column = column };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) array.Items.Add(Read(ref reader, lines));
                return array;
            }
            case JsonTokenType.String:
                return new JsonValueAt { Kind = JsonValueKind.String, String = reader.GetString(), Line = line, Column = column };
            case JsonTokenType.Number:
                return new JsonValueAt { Kind = JsonValueKind.Number, Number = reader.GetDouble(), Line = line, Column = column };
            case JsonTokenType.True:
                return new JsonValueAt { Kind = JsonValueKind.True, Line = line, Column = column };
            case JsonTokenType.False:
                return new JsonValueAt { Kind = JsonValueKind.False, Line = line, Column = column };
            default:
                return new JsonValueAt { Kind = JsonValueKind.Null, Line = line, Column = column };
        }
    }

    /// <summary>Byte offsets (after the BOM) to 1-based line and column, the column counted in characters.</summary>
    private sealed class Lines(byte[] bytes, int start)
    {
        private readonly List<int> _starts = Starts(bytes, start);

        private static List<int> Starts(byte[] bytes, int start)
        {
            var starts = new List<int> { start };
            for (var i = start; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') starts.Add(i + 1);
            return starts;
        }

        public (int Line, int Column) At(int offset)
        {
            var absolute = offset + start;
            var index = _starts.BinarySearch(absolute);
            if (index < 0) index = ~index - 1;
            var lineStart = _starts[index];
            return (index + 1, Encoding.UTF8.GetCharCount(bytes, lineStart, absolute - lineStart) + 1);
        }
    }
}
