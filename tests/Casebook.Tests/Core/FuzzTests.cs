using System.Text;
using Casebook.Core;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Rendering;
using Casebook.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Casebook.Tests.Core;

/// <summary>No input crashes the tool: every bad file becomes a diagnostic naming it.</summary>
public class FuzzTests
{
    // Property-based: arbitrary text through each loading stage never throws.
    [Property(MaxTest = 300)]
    public bool Front_matter_and_yaml_never_throw(string? text)
    {
        text ??= "";
        var bag = new DiagnosticBag();
        var doc = FrontMatter.Split(new SourceText("f.md", "f.md", text), bag);
        if (doc is not null) YamlMap.Parse(doc.Yaml, "f.md", doc.YamlFirstLine, bag);
        YamlMap.Parse(text, "f.yml", 1, bag);
        return bag.Sorted().All(d => d.Span.Path is "f.md" or "f.yml");
    }

    [Property(MaxTest = 200)]
    public bool Case_loader_never_throws_on_structured_garbage(NonNull<string> title, int year, string[]? tags, string? body)
    {
        var yaml = new StringBuilder("---\n");
        yaml.Append("title: ").Append(title.Get.Replace("\n", " ")).Append('\n');
        yaml.Append("organization: x\nfiscal_year: ").Append(year).Append('\n');
        yaml.Append("tags: [").Append(string.Join(", ", (tags ?? []).Select(t => (t ?? "").Replace("\n", " ")))).Append("]\n---\n");
        yaml.Append(body ?? "");
        var bag = new DiagnosticBag();
        CaseLoader.Load(new SourceText("c.md", "c.md", yaml.ToString()), bag);
        return bag.Sorted().All(d => d.Span.Path == "c.md");
    }

    [Property(MaxTest = 200)]
    public bool Markdown_renderer_never_throws_and_never_emits_script(string? markdown)
    {
        var bag = new DiagnosticBag();
        var r = new MarkdownRenderer("/", false).Render(markdown ?? "", "m.md", 1, bag);
        return !r.Html.Contains("<script", StringComparison.OrdinalIgnoreCase);
    }

    [Property(MaxTest = 300)]
    public bool Decoder_never_throws(byte[]? bytes)
    {
        var bag = new DiagnosticBag();
        var text = SourceReader.Decode(bytes ?? [], "b.md", bag);
        return text is not null || bag.Sorted().Count == 1;
    }

    /// <summary>A seeded mutator over the real sample case files: flip, insert, delete, duplicate and
    /// truncate bytes, then run the whole pipeline. CASEBOOK_FUZZ_ITERATIONS raises the count.</summary>
    [Fact]
    public void Mutated_sample_cases_never_crash_the_pipeline()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("CASEBOOK_FUZZ_ITERATIONS"), out var n) ? n : 60;
        var seeds = Directory.GetFiles(Path.Combine(Repo.Root, "input", "cases"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(20261123);
        var crashersDir = Path.Combine(Repo.Root, "tests", "Casebook.Tests", "Core", "Crashers");
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        for (var i = 0; i < iterations; i++)
        {
            var original = File.ReadAllBytes(seeds[random.Next(seeds.Length)]);
            var mutated = Mutate(original, random);
            site.WriteBytes("input/cases/fuzz.md", mutated);
            try
            {
                var r = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: Repo.Theme, WriteOutput: false));
                Assert.All(r.Diagnostics.Where(d => d.Severity == Severity.Error), d => Assert.False(string.IsNullOrEmpty(d.Span.Path)));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Directory.CreateDirectory(crashersDir);
                var path = Path.Combine(crashersDir, $"crash-{i:D4}.md");
                File.WriteAllBytes(path, mutated);
                throw new Xunit.Sdk.XunitException($"pipeline crashed on a mutated file (kept as {path}): {e}");
            }
        }
    }

    /// <summary>Every crasher found so far stays a regression fixture.</summary>
    [Fact]
    public void Known_crashers_load_cleanly()
    {
        var dir = Path.Combine(Repo.Root, "tests", "Casebook.Tests", "Core", "Crashers");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray() : [];
        Assert.NotEmpty(files);
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta"));
        foreach (var f in files)
        {
            site.WriteBytes("input/cases/crasher.md", File.ReadAllBytes(f));
            var r = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: Repo.Theme, WriteOutput: false));
            Assert.NotNull(r);
        }
    }

    public static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var steps = 1 + random.Next(8);
        for (var s = 0; s < steps && bytes.Count > 0; s++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                case 3: var from = random.Next(bytes.Count); bytes.InsertRange(at, bytes.GetRange(from, Math.Min(32, bytes.Count - from))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                default: bytes[at] = (byte)Specials[random.Next(Specials.Length)]; break;
            }
        }
        return bytes.ToArray();
    }

    private const string Specials = "-:[]{}\n\t\"'#&*!|>%@`";

    private static readonly string[] Tokens =
        ["---\n", "\n---\n", ": ", "- ", "[", "]", "{", "}", "&a", "*a", "!!binary ", "elements: [99]", "volume: nope\n", "id: ../../x\n",
         "<script>", "](/cases/none/)", "\r\n", "\uFEFF", "\0", "%YAML 1.2\n", "? ", "|\n", ">-\n", "~", "null"];
}
