using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Casebook.Benchmarks;

/// <summary>Writes a complete site source (casebook.yml + input/) of N realistic cases assembled from
/// the repository's sample content. The output depends only on N and the sample content: a
/// seeded generator of our own (not System.Random) picks every part, and files are written in order.</summary>
public static class CorpusGenerator
{
    public const int MinBodyBytes = 2048;
    public const int MaxBodyBytes = 4096;

    private sealed record SampleSection(string Heading, List<string> Blocks);

    private sealed record SampleCase(string Title, string Subtitle, string Summary, List<string> Authors,
        List<string> Tags, List<(string Speaker, string Role, string Text)> Voices, List<(string Label, string Value)> Profile,
        List<SampleSection> Sections);

    private sealed record Sample(List<SampleCase> Cases, List<string> Forewords, string ConfigHead, List<(string Name, string Path)> Glossaries);

    /// <summary>The four body sections of a generated case, in order, like the sample casebooks.</summary>
    private static readonly string[] Headings = ["取組のきっかけ", "取組の内容", "成果と課題", "今後に向けて"];

    private static readonly string[] Prefectures =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
        "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
        "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
        "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    private static readonly string[] CityStems =
    [
        "青葉", "桜", "若葉", "緑", "東山", "西原", "南台", "北浜", "中央", "新田", "大野", "小川", "本郷", "富士見", "朝日",
        "松原", "高松", "川口", "森山", "白石", "美里", "長浜", "清水", "宮前", "春日", "野田", "旭", "栄", "泉", "港",
    ];

    private static readonly string[] Wards = ["", "", "", "中区", "北区", "南区", "東区", "西区"];

    public static int Run(string[] args)
    {
        int? cases = null;
        string? output = null, sampleDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length: cases = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--sample" when i + 1 < args.Length: sampleDir = args[++i]; break;
                default:
                    Console.Error.WriteLine($"unknown argument: {args[i]}");
                    return 2;
            }
        }
        if (cases is null or < 1 || output is null)
        {
            Console.Error.WriteLine("usage: corpus --cases N --out DIR [--sample DIR]");
            return 2;
        }
        sampleDir ??= RepoRoot.Find();
        var written = Generate(cases.Value, output, sampleDir);
        Console.WriteLine($"{cases} cases, {written} files → {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>Generates the corpus; returns the number of files written. Replaces DIR/input and DIR/casebook.yml.</summary>
    public static int Generate(int n, string outputDir, string sampleDir)
    {
        var sample = LoadSample(sampleDir);
        var input = Path.Combine(outputDir, "input");
        if (Directory.Exists(input)) Directory.Delete(input, true);
        Directory.CreateDirectory(input);
        var files = 0;

        // Volumes of 20–40 cases; about 85% of cases belong to a volume, like an archive of annual casebooks.
        var rng = new SplitMix(0xCA5EB00CUL ^ (ulong)n);
        var inVolumes = (int)(n * 0.85);
        var volumes = new List<(string Id, int Year, string Publisher, string Pref, List<string> Cases)>();
        var volumeOf = new int[n];
        Array.Fill(volumeOf, -1);
        for (var assigned = 0; assigned < inVolumes;)
        {
            var size = Math.Min(inVolumes - assigned, rng.Next(20, 41));
            var pref = Prefectures[rng.Next(Prefectures.Length)];
            var year = 2010 + volumes.Count % 15;
            for (var i = 0; i < size; i++) volumeOf[assigned + i] = volumes.Count;
            volumes.Add(($"vol-{year}-{volumes.Count + 1:D4}", year, pref + "社会福祉協議会", pref, new List<string>(size)));
            assigned += size;
        }

        var allTags = sample.Cases.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pillars = new[] { "交流・居場所", "生活支援", "見守り・つながり" };
        for (var i = 0; i < n; i++)
        {
            var r = new SplitMix(0x9E3779B97F4A7C15UL * (ulong)(i + 1));
            var id = $"case-{i + 1:D5}";
            var vIndex = volumeOf[i];
            var volume = vIndex >= 0 ? volumes[vIndex] : default;
            var pref = vIndex >= 0 ? volume.Pref : Prefectures[r.Next(Prefectures.Length)];
            var city = CityStems[r.Next(CityStems.Length)] + (r.Next(4) == 0 ? "町" : "市");
            var ward = city.EndsWith('市') ? Wards[r.Next(Wards.Length)] : "";
            var org = city + (ward.Length > 0 ? ward : "") + "社会福祉協議会";
            var year = vIndex >= 0 ? volume.Year : 2008 + r.Next(17);
            var baseCase = sample.Cases[r.Next(sample.Cases.Count)];

            var fm = new StringBuilder();
            fm.Append("---\n");
            fm.Append("id: ").Append(id).Append('\n');
            fm.Append("title: ").Append(Q(baseCase.Title)).Append('\n');
            if (baseCase.Subtitle.Length > 0) fm.Append("subtitle: ").Append(Q(baseCase.Subtitle)).Append('\n');
            if (baseCase.Summary.Length > 0) fm.Append("summary: ").Append(Q(baseCase.Summary)).Append('\n');
            fm.Append("organization: ").Append(Q(org)).Append('\n');
            if (baseCase.Authors.Count > 0) fm.Append("authors: [").Append(string.Join(", ", baseCase.Authors.Select(Q))).Append("]\n");
            fm.Append("region:\n  prefecture: ").Append(Q(pref)).Append("\n  city: ").Append(Q(city)).Append("\n  ward: ").Append(Q(ward)).Append('\n');
            if (vIndex >= 0) fm.Append("volume: ").Append(volume.Id).Append('\n');
            fm.Append("fiscal_year: ").Append(year.ToString(CultureInfo.InvariantCulture)).Append('\n');
            var elements = Pick(r, Enumerable.Range(1, 7).ToList(), r.Next(1, 5)).Order().ToList();
            fm.Append("elements: [").Append(string.Join(", ", elements)).Append("]\n");
            fm.Append("pillars: [").Append(string.Join(", ", Pick(r, pillars.ToList(), r.Next(1, 3)).Select(Q))).Append("]\n");
            var tags = Pick(r, baseCase.Tags, Math.Min(baseCase.Tags.Count, r.Next(2, 5)))
                .Concat(Pick(r, allTags, r.Next(1, 4))).Distinct(StringComparer.Ordinal).ToList();
            fm.Append("tags: [").Append(string.Join(", ", tags.Select(Q))).Append("]\n");
            if (baseCase.Profile.Count > 0 && r.Next(2) == 0)
            {
                fm.Append("profile:\n");
                foreach (var (label, value) in baseCase.Profile) fm.Append("  ").Append(Q(label)).Append(": ").Append(Q(value)).Append('\n');
            }
            if (baseCase.Voices.Count > 0 && r.Next(3) == 0)
            {
                fm.Append("voices:\n");
                foreach (var (speaker, role, text) in baseCase.Voices.Take(2))
                    fm.Append("  - speaker: ").Append(Q(speaker)).Append("\n    role: ").Append(Q(role)).Append("\n    text: ").Append(Q(text)).Append('\n');
            }
            if (vIndex >= 0) fm.Append("source: ").Append(Q($"{volume.Publisher} {year}年度 事例集")).Append('\n');
            fm.Append("---\n\n");
            fm.Append(Body(r, sample));

            var group = vIndex >= 0 ? volume.Id : "other";
            var dir = Path.Combine(input, "cases", group);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, id + ".md"), fm.ToString(), Utf8);
            files++;
            if (vIndex >= 0) volume.Cases.Add(id);
        }

        // Volume forewords, glossaries and casebook.yml.
        Directory.CreateDirectory(Path.Combine(input, "volumes"));
        for (var i = 0; i < volumes.Count; i++)
        {
            var foreword = sample.Forewords.Count > 0 ? sample.Forewords[i % sample.Forewords.Count] : "事例集の前書きです。\n";
            File.WriteAllText(Path.Combine(input, "volumes", volumes[i].Id + ".md"), "---\nforeword_title: はじめに\n---\n" + foreword, Utf8);
            files++;
        }
        if (sample.Glossaries.Count > 0)
        {
            Directory.CreateDirectory(Path.Combine(input, "glossary"));
            foreach (var (name, path) in sample.Glossaries)
            {
                // Only site-wide glossaries: per-volume ones name sample volumes.
                var text = File.ReadAllText(path);
                if (text.Contains("\nvolume:", StringComparison.Ordinal) || text.StartsWith("volume:", StringComparison.Ordinal)) continue;
                File.WriteAllText(Path.Combine(input, "glossary", name), text, Utf8);
                files++;
            }
        }

        // Self-assessment checklists name taxonomy terms (elements/3, tags/研修), which the corpus uses too.
        var checklists = Path.Combine(sampleDir, "input", "checklists");
        if (Directory.Exists(checklists))
        {
            Directory.CreateDirectory(Path.Combine(input, "checklists"));
            foreach (var f in Directory.EnumerateFiles(checklists, "*.yml").Order(StringComparer.Ordinal))
            {
                File.Copy(f, Path.Combine(input, "checklists", Path.GetFileName(f)));
                files++;
            }
        }

        var yml = new StringBuilder(sample.ConfigHead);
        yml.Append("volumes:\n");
        foreach (var v in volumes)
        {
            yml.Append("  - id: ").Append(v.Id).Append('\n');
            yml.Append("    title: ").Append(Q($"{v.Publisher} {v.Year}年度 地域福祉活動 事例集")).Append('\n');
            yml.Append("    publisher: ").Append(Q(v.Publisher)).Append('\n');
            yml.Append("    fiscal_year: ").Append(v.Year.ToString(CultureInfo.InvariantCulture)).Append('\n');
            yml.Append("    cases:\n");
            foreach (var c in v.Cases) yml.Append("      - ").Append(c).Append('\n');
        }
        File.WriteAllText(Path.Combine(outputDir, "casebook.yml"), yml.ToString(), Utf8);
        return files + 1;
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Four sections with the standard headings; paragraphs, lists and tables from sample sections,
    /// cut so the body is 2–4 KB of UTF-8.</summary>
    private static string Body(SplitMix r, Sample sample)
    {
        var target = r.Next(MinBodyBytes + 200, MaxBodyBytes - 200);
        var perSection = target / Headings.Length;
        var sb = new StringBuilder();
        var pool = sample.Cases.SelectMany(c => c.Sections).ToList();
        foreach (var heading in Headings)
        {
            var section = new StringBuilder();
            section.Append("## ").Append(heading).Append("\n\n");
            var headerBytes = Bytes(section);
            var source = pool[r.Next(pool.Count)];
            var tries = 0;
            while (Bytes(section) - headerBytes < perSection && tries++ < 20)
            {
                foreach (var block in source.Blocks)
                {
                    var room = perSection - (Bytes(section) - headerBytes);
                    if (room <= 0) break;
                    var b = Encoding.UTF8.GetByteCount(block) + 2;
                    if (b <= room) section.Append(block).Append("\n\n");
                    else if (IsParagraph(block) && Cut(block, room - 2) is { Length: > 0 } cut) section.Append(cut).Append("\n\n");
                }
                source = pool[r.Next(pool.Count)];
            }
            sb.Append(section);
        }
        var text = sb.ToString();
        // Guarantee the bounds whatever the sample holds.
        while (Encoding.UTF8.GetByteCount(text) < MinBodyBytes) text += "地域の皆さんと話し合いを重ねながら、できることから一つずつ取り組んでいきます。\n\n";
        if (Encoding.UTF8.GetByteCount(text) > MaxBodyBytes) text = Cut(text, MaxBodyBytes - 1) + "\n";
        return text;
    }

    private static int Bytes(StringBuilder sb) => Encoding.UTF8.GetByteCount(sb.ToString());

    private static bool IsParagraph(string block) =>
        !block.StartsWith('|') && !block.StartsWith("- ", StringComparison.Ordinal) && !block.StartsWith("* ", StringComparison.Ordinal)
        && !char.IsAsciiDigit(block[0]) && !block.StartsWith('#') && !block.StartsWith('>');

    /// <summary>The longest prefix of whole sentences (ending in 。) within <paramref name="maxBytes"/>.</summary>
    private static string Cut(string text, int maxBytes)
    {
        var best = 0;
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(i, char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1));
            if (char.IsHighSurrogate(text[i])) i++;
            if (bytes > maxBytes) break;
            if (text[i] == '。') best = i + 1;
        }
        return text[..best];
    }

    private static List<T> Pick<T>(SplitMix r, List<T> from, int count)
    {
        var copy = from.ToList();
        var result = new List<T>();
        for (var i = 0; i < count && copy.Count > 0; i++)
        {
            var j = r.Next(copy.Count);
            result.Add(copy[j]);
            copy.RemoveAt(j);
        }
        return result;
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    private static Sample LoadSample(string root)
    {
        var cases = new List<SampleCase>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(root, "input", "cases"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (yaml, body) = SplitFrontMatter(File.ReadAllText(f));
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            var map = (YamlMappingNode)stream.Documents[0].RootNode;
            string S(string key) => map.Children.TryGetValue(key, out var n) && n is YamlScalarNode s ? s.Value ?? "" : "";
            List<string> L(string key) => map.Children.TryGetValue(key, out var n) && n is YamlSequenceNode seq
                ? seq.OfType<YamlScalarNode>().Select(x => x.Value ?? "").Where(x => x.Length > 0).ToList() : [];
            var voices = map.Children.TryGetValue("voices", out var vn) && vn is YamlSequenceNode vs
                ? vs.OfType<YamlMappingNode>().Select(m => (Get(m, "speaker"), Get(m, "role"), Get(m, "text"))).ToList() : [];
            var profile = map.Children.TryGetValue("profile", out var pn) && pn is YamlMappingNode pm
                ? pm.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", (kv.Value as YamlScalarNode)?.Value ?? "")).ToList() : [];
            cases.Add(new SampleCase(S("title"), S("subtitle"), S("summary"), L("authors"), L("tags"), voices, profile, Sections(body)));
        }
        if (cases.Count == 0) throw new InvalidOperationException($"no sample cases under {root}/input/cases");

        var forewords = new List<string>();
        var volumesDir = Path.Combine(root, "input", "volumes");
        if (Directory.Exists(volumesDir))
            foreach (var f in Directory.EnumerateFiles(volumesDir, "*.md").Order(StringComparer.Ordinal))
                forewords.Add(string.Join("\n", SplitFrontMatter(File.ReadAllText(f)).Body.Split('\n')
                    .Where(l => !l.Contains("](/", StringComparison.Ordinal))));

        var config = File.ReadAllText(Path.Combine(root, "casebook.yml")).Replace("\r\n", "\n");
        var cut = config.IndexOf("\nvolumes:", StringComparison.Ordinal);
        var head = cut >= 0 ? config[..(cut + 1)] : config + "\n";

        var glossaries = new List<(string, string)>();
        var glossaryDir = Path.Combine(root, "input", "glossary");
        if (Directory.Exists(glossaryDir))
            foreach (var f in Directory.EnumerateFiles(glossaryDir, "*.yml").Order(StringComparer.Ordinal))
                glossaries.Add((Path.GetFileName(f), f));
        return new Sample(cases, forewords, head, glossaries);
    }

    private static string Get(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(key, out var n) && n is YamlScalarNode s ? s.Value ?? "" : "";

    private static (string Yaml, string Body) SplitFrontMatter(string text)
    {
        text = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) return ("", text);
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        return end < 0 ? ("", text) : (text[4..(end + 1)], text[(end + 5)..]);
    }

    /// <summary>Body sections (## headings) split into blocks at blank lines.</summary>
    private static List<SampleSection> Sections(string body)
    {
        var result = new List<SampleSection>();
        string? heading = null;
        var blocks = new List<string>();
        var current = new List<string>();
        void FlushBlock()
        {
            if (current.Count > 0) blocks.Add(string.Join("\n", current));
            current.Clear();
        }
        void FlushSection()
        {
            FlushBlock();
            if (heading is not null && blocks.Count > 0) result.Add(new SampleSection(heading, blocks));
            blocks = new List<string>();
        }
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) { FlushSection(); heading = line[3..].Trim(); continue; }
            if (line.StartsWith('#')) { FlushBlock(); continue; }   // deeper headings would break the four-section shape
            if (line.Trim().Length == 0) { FlushBlock(); continue; }
            if (line.Contains("](/", StringComparison.Ordinal)) continue; // links to sample pages would be broken
            current.Add(line.TrimEnd());
        }
        FlushSection();
        return result;
    }
}

/// <summary>SplitMix64: small, fast and the same on every runtime, so corpora are reproducible.</summary>
public sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);
}

public static class RepoRoot
{
    /// <summary>The repository root: the nearest folder up from the working directory or the program
    /// holding casebook.yml, input/cases and Casebook.sln.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Casebook.sln")) && Directory.Exists(Path.Combine(d.FullName, "input", "cases")))
                    return d.FullName;
        }
        throw new InvalidOperationException("repository root (Casebook.sln with input/cases) not found; pass --sample DIR");
    }
}
