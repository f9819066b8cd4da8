using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Casebook.Tests.Core.Loading;

/// <summary>The quick front-matter reader gives exactly YamlDotNet's events (values, styles, positions) for what it
/// reads, and leaves everything else to YamlDotNet.</summary>
public class PlainYamlReaderTests
{
    /// <summary>Each event as text: kind, start and end (index, line, column), and what the representation model reads.</summary>
    private static List<string> Describe(IEnumerable<ParsingEvent> events) => events.Select(e =>
    {
        var at = $"{e.GetType().Name} {e.Start.Index}/{e.Start.Line}:{e.Start.Column}-{e.End.Index}/{e.End.Line}:{e.End.Column}";
        return e switch
        {
            Scalar s => $"{at} [{s.Value}] {s.Style} plain={s.IsPlainImplicit} quoted={s.IsQuotedImplicit} key={s.IsKey} tag={s.Tag} anchor={s.Anchor}",
            MappingStart m => $"{at} {m.Style} implicit={m.IsImplicit} tag={m.Tag} anchor={m.Anchor}",
            SequenceStart q => $"{at} {q.Style} implicit={q.IsImplicit} tag={q.Tag} anchor={q.Anchor}",
            DocumentStart d => $"{at} implicit={d.IsImplicit}",
            DocumentEnd d => $"{at} implicit={d.IsImplicit}",
            _ => at,
        };
    }).ToList();

    private static List<ParsingEvent> YamlDotNetEvents(string text)
    {
        var parser = new Parser(new StringReader(text));
        var events = new List<ParsingEvent>();
        while (parser.MoveNext()) events.Add(parser.Current!);
        return events;
    }

    /// <summary>The loaded document as text: every node's kind, position, style and value.</summary>
    private static string Tree(YamlStream stream)
    {
        var sb = new StringBuilder();
        void Write(YamlNode n)
        {
            sb.Append($"<{n.NodeType} {n.Start.Index}/{n.Start.Line}:{n.Start.Column}-{n.End.Index}/{n.End.Line}:{n.End.Column} tag={n.Tag} anchor={n.Anchor}");
            switch (n)
            {
                case YamlScalarNode s: sb.Append($" {s.Style} [{s.Value}]"); break;
                case YamlSequenceNode q: sb.Append($" {q.Style}"); foreach (var i in q) Write(i); break;
                case YamlMappingNode m: sb.Append($" {m.Style}"); foreach (var (k, v) in m) { Write(k); Write(v); } break;
            }
            sb.Append('>');
        }
        foreach (var d in stream.Documents) Write(d.RootNode);
        return sb.ToString();
    }

    /// <summary>When the quick reader takes the text, its events and the document loaded from them are YamlDotNet's.
    /// Returns whether it took the text.</summary>
    private static bool AssertSameAsYamlDotNet(string text)
    {
        var events = PlainYamlReader.TryRead(text);
        if (events is null) return false;
        List<ParsingEvent> expected;
        try { expected = YamlDotNetEvents(text); }
        catch (YamlException e) { Assert.Fail($"the quick reader took text YamlDotNet refuses ({e.Message}):\n{text}"); throw; }
        Assert.Equal(Describe(expected), Describe(events));

        // The documents loaded from either are the same, or fail the same way (e.g. a duplicate key).
        Assert.Equal(Load(s => s.Load(new StringReader(text))), Load(s => s.Load(PlainYamlReader.Replay(events))));
        return true;
    }

    private static string Load(Action<YamlStream> load)
    {
        var stream = new YamlStream();
        try { load(stream); }
        catch (YamlException e) { return $"{e.GetType().Name} {e.Start} {e.End} {e.Message}"; }
        return Tree(stream);
    }

    public static TheoryData<string> Plain => new()
    {
        "id: case-1\ntitle: \"題名\"\n",
        "id: case-1\r\ntitle: 題名\r\nregion:\r\n  city: 野田町\r\n",
        "empty:\nalso_empty:   \nlast: 1\n",
        "q: 'it''s'\nd: \"\"\ns: ''\n",
        "region:\n  prefecture: \"千葉県\"\n  ward: \"\"\n  city:\nnext: x\n",
        "elements: [6, 7]\npillars: [\"交流・居場所\", b , 'c''d']\nnone: []\nspaced: [ a ,b ]\n",
        "profile:\n  \"人口\": 1人\n  '世帯数': \"2\"\n  高齢化率: 30%\n",
        "voices:\n  - speaker: 山田\n    text: \"x\"\n    role: 会長\n  - speaker: b\nlast: 1\n",
        "authors:\n  - 白石 梨々花\n  - \"山田\"\n  - [a, b]\nafter: 1\n",
        "deep:\n    a:\n      b: 1\n      c: [x]\n    d: 2\n",
        "# comment\nid: a\n  # indented comment\n\ntitle: b\n\n",
        "time: 10:00\nlist: a, b\nurl: https://example.org/a?b=c\nneg: -5\ndash: -x\nquotes: 彼の\"言葉\"と'引用'\n",
        "key with spaces: value with  two spaces\n",
        "draft: true\nfiscal_year: 2014\nnull_value: ~\nnull_word: null\n",
        "blocks:\n  - type: cards\n    items:\n      - title: a\n        cases: [case-1, case-2]\n      - title: b\n  - type: list\n",
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void Reads_plain_front_matter_exactly_as_YamlDotNet(string yaml) =>
        Assert.True(AssertSameAsYamlDotNet(yaml), "the quick reader should take this text");

    public static TheoryData<string> Other => new()
    {
        "title: \"a\\tb\"\n",                   // escapes
        "title: a\n  continued\n",              // a multi-line plain scalar
        "title: \"a\n  b\"\n",                  // a multi-line quoted scalar
        "text: |\n  block\n",                   // block scalar
        "text: >\n  folded\n",
        "a: &x 1\nb: *x\n",                     // anchors and aliases
        "a: !tag 1\n",                          // tags
        "a: {b: 1}\n",                          // flow mapping
        "a: [1, 2,]\n",                         // trailing comma
        "a: [1,\n  2]\n",                       // multi-line flow list
        "tags:\n- a\n- b\n",                    // list at the key's own indent
        "a:\tb\n",                              // tab
        "a: b # comment\n",                     // trailing comment
        "a: 1\rb: 2\n",                         // lone carriage return
        "---\na: 1\n",                          // document marker
        "%YAML 1.2\n---\na: 1\n",               // directive
        "- a\n- b\n",                           // not a mapping
        "a: 1",                                 // no final line break
        "",
        "  a: 1\n",                             // indented root
        "a: 1\n b: 2\n",                        // deeper line after a value
        "a:\n  b: 1\n c: 2\n",                  // shallower line inside a block
        "? a\n: b\n",                           // explicit key
        "a : 1\n",                              // space before the colon
        "a:b: 1\n",
        "a: b: c\n",
        "\"a\" : 1\n",
        "a: 😀\n",                              // surrogate pair
        "a: \u2028\n",
        "list:\n  -\n  - a\n",                  // empty item
        "list:\n  - - a\n",                     // nested list
    };

    [Theory]
    [MemberData(nameof(Other))]
    public void Leaves_other_yaml_to_YamlDotNet(string yaml) => Assert.Null(PlainYamlReader.TryRead(yaml));

    [Fact]
    public void Reads_the_sample_sites_front_matter_exactly_as_YamlDotNet()
    {
        var input = Path.Combine(Repo.Root, "input");
        var taken = 0;
        var files = Directory.EnumerateFiles(input, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var doc = FrontMatter.Split(new SourceText(file, file, File.ReadAllText(file)), new DiagnosticBag());
            if (doc is not null && AssertSameAsYamlDotNet(YamlMap.ExpandLeadingTabs(doc.Yaml))) taken++;
        }
        foreach (var file in Directory.EnumerateFiles(input, "*.yml", SearchOption.AllDirectories).Append(Path.Combine(Repo.Root, "casebook.yml")))
            AssertSameAsYamlDotNet(File.ReadAllText(file));
        // The point of the reader: the sample's front matter is all in its plain shapes.
        Assert.True(taken >= files.Count * 9 / 10, $"the quick reader took {taken} of {files.Count} files");
    }

    /// <summary>Seeded mutations of a typical front matter, with YAML's significant characters: whatever the quick
    /// reader takes, it reads as YamlDotNet does. CASEBOOK_FUZZ_ITERATIONS raises the count.</summary>
    [Fact]
    public void Mutated_front_matter_is_read_as_YamlDotNet_reads_it_or_left_to_it()
    {
        const string seed = "id: case-03315\ntitle: \"２層Coへの個別ヒアリング\"\nauthors: [\"白石 梨々花\", b]\nregion:\n  prefecture: \"千葉県\"\n  ward: ''\n"
            + "fiscal_year: 2014\nprofile:\n  \"人口\": 1人\nvoices:\n  - speaker: 山田\n    text: x\n  - speaker: b\ntags:\n  - a\n  - 'b''c'\nsource: 事例集\n";
        const string alphabet = " \n\r\t:-#[]{},\"'?&*!|>%@`\\~あ1a";
        var random = new Random(20261201);
        var iterations = Math.Max(3000, int.TryParse(Environment.GetEnvironmentVariable("CASEBOOK_FUZZ_ITERATIONS"), out var n) ? n : 0);
        var taken = 0;
        for (var i = 0; i < iterations; i++)
        {
            var chars = new StringBuilder(seed);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(3))
                {
                    case 0: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: chars.Remove(at, 1); break;
                    default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            if (AssertSameAsYamlDotNet(chars.ToString())) taken++;
        }
        Assert.InRange(taken, iterations / 10, iterations - 1);   // both paths are exercised
    }

    [Fact]
    public void Diagnostics_are_the_same_on_either_path()
    {
        // A wrong type, an unknown key and a bad value, in plain shapes (quick reader) and with a comment after a
        // value (YamlDotNet): the same messages at the same places, shifted by the front matter's first line.
        const string plain = "title: [a]\nfiscal_year: 令和4\ntitel: x\nregion:\n  city: [b]\n";
        const string other = "title: [a] # c\nfiscal_year: 令和4\ntitel: x\nregion:\n  city: [b]\n";
        Assert.NotNull(PlainYamlReader.TryRead(plain));
        Assert.Null(PlainYamlReader.TryRead(other));
        string Read(string yaml)
        {
            var bag = new DiagnosticBag();
            var map = YamlMap.Parse(yaml, "c.md", 2, bag)!;
            map.String("title");
            map.Int("fiscal_year", "年度", 1868, 9999);
            map.Map("region")!.String("city");
            map.ReportUnknownKeys();
            return string.Join("\n", bag.Sorted().Select(d => d.ToString()));
        }
        var fromPlain = Read(plain);
        Assert.Contains("c.md(2,8)", fromPlain);
        Assert.Contains("c.md(6,9)", fromPlain);
        Assert.Equal(Read(other), fromPlain);
    }
}
