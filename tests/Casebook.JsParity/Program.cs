// What the C# side makes of each text, for tests/js/search-parity.test.mjs to compare with the functions
// of the same name in theme/assets/js/search-text.js. Reads a JSON array of strings on standard input and
// writes a JSON array with one object per text: { functionName: result }. A normalisation step added to
// both sides is compared as soon as its function is listed here.
using System.Text.Json;
using Casebook.Core.Search;

var texts = JsonSerializer.Deserialize<string[]>(Console.OpenStandardInput()) ?? [];
var results = texts.Select(text => new Dictionary<string, object>
{
    ["tokens"] = SearchText.Tokens(text),
    ["forQuery"] = SearchText.ForQuery(text),
});
using var output = Console.OpenStandardOutput();
JsonSerializer.Serialize(output, results);
