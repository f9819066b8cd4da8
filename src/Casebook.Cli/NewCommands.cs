using System.CommandLine;
using System.Text.RegularExpressions;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;

namespace Casebook.Cli;

public static partial class NewCommands
{
    public static Command New()
    {
        var cmd = new Command("new", "新しい事例などのひな形をつくります");
        cmd.Subcommands.Add(NewCase());
        cmd.Subcommands.Add(NewVolume());
        return cmd;
    }

    private static Command NewVolume()
    {
        var id = new Option<string>("--id") { Description = "事例集（巻）の ID（半角英小文字・数字・ハイフン）", Required = true };
        var title = new Option<string>("--title") { Description = "事例集の題名", Required = true };
        var fiscalYear = new Option<int>("--fiscal-year") { Description = "年度（西暦の開始年。2022 → 令和4年度）", Required = true };
        var publisher = new Option<string?>("--publisher") { Description = "発行者（省略すると最も新しい事例集の発行者）" };
        var number = new Option<int?>("--number") { Description = "第何集か（第6集なら 6）" };
        var cmd = new Command("volume", "事例集（巻）を casebook.yml に加え、input/volumes/<ID>.md をつくります")
            { BuildCommands.Source, id, title, fiscalYear, publisher, number };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var configPath = Path.Combine(source, ConfigLoader.FileName);
            var config = CommandConfig.Load(source, errorsAreFatal: true);
            if (config is null) return ExitCodes.UsageOrEnvironment;
            var (settings, _, volumes) = config.Value;
            var volumeId = parse.GetValue(id)!;
            var fy = parse.GetValue(fiscalYear);
            if (!ConfigLoader.IdPattern().IsMatch(volumeId))
            {
                Report.Error($"ID「{volumeId}」には半角英小文字・数字・ハイフンだけを使ってください（例: yokohama-r5）。");
                return ExitCodes.UsageOrEnvironment;
            }
            if (ConfigLoader.IdTooLong(volumeId, "事例集の ID") is { } tooLong)
            {
                Report.Error(tooLong);
                return ExitCodes.UsageOrEnvironment;
            }
            if (volumes.Any(v => v.Id == volumeId))
            {
                Report.Error($"事例集「{volumeId}」はすでに casebook.yml にあります。");
                return ExitCodes.UsageOrEnvironment;
            }
            if (fy is < 1868 or > 9999)
            {
                Report.Error($"--fiscal-year には西暦の年（例: 2023）を指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var volumeFile = Path.Combine(source, "input", "volumes", volumeId + ".md");
            if (File.Exists(volumeFile))
            {
                Report.Error($"{volumeFile} はすでにあります。");
                return ExitCodes.UsageOrEnvironment;
            }
            var newest = volumes.OrderByDescending(v => v.FiscalYear).FirstOrDefault();
            var spec = new Casebook.Core.Scaffolding.VolumeScaffold.NewVolume(volumeId, parse.GetValue(title)!, fy,
                parse.GetValue(publisher) ?? newest?.Publisher ?? (settings.Author.Length > 0 ? settings.Author : settings.Title), parse.GetValue(number));

            var original = File.ReadAllText(configPath);
            string updated;
            try { updated = Casebook.Core.Scaffolding.VolumeScaffold.AddToConfig(original, spec); }
            catch (FormatException e)
            {
                Report.Error(e.Message + " volumes: の下に「- id: …」の形で手で書き足してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            File.WriteAllText(configPath, updated);
            // Never leave a casebook.yml that no longer loads or lacks the new volume.
            var check = new DiagnosticBag();
            var reloaded = ConfigLoader.Load(source, null, check);
            if (reloaded is null || check.HasErrors || !reloaded.Value.Item3.Any(v => v.Id == volumeId))
            {
                File.WriteAllText(configPath, original);
                Report.Diagnostics(check.Sorted());
                Report.Error("casebook.yml に事例集を書き足せませんでした（元に戻しました）。volumes: の下に手で書き足してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(volumeFile)!);
            File.WriteAllText(volumeFile, Casebook.Core.Scaffolding.VolumeScaffold.VolumeFile(spec));
            System.Console.Out.WriteLine($"casebook.yml に事例集「{volumeId}」を加えました。");
            System.Console.Out.WriteLine($"作成しました: {Path.GetRelativePath(source, volumeFile).Replace('\\', '/')}");
            System.Console.Out.WriteLine($"事例は casebook new case --volume {volumeId} --title … で加えられます。");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command NewCase()
    {
        var volume = new Option<string?>("--volume") { Description = "所属する事例集（巻）の ID" };
        var title = new Option<string?>("--title") { Description = "事例の題名（省略すると端末で順に尋ねます）" };
        var id = new Option<string?>("--id") { Description = "事例の ID（半角英小文字・数字・ハイフン）。省略すると自動で付けます" };
        var interactive = new Option<bool>("--interactive", "-i") { Description = "題名・事例集・組織・年度・分類を順に尋ねる" };
        var cmd = new Command("case", "事例のひな形を input/cases/ に書き出します") { BuildCommands.Source, volume, title, id, interactive };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(interactive) || (parse.GetValue(title) is null && !System.Console.IsInputRedirected))
                return NewCaseInteractive.Run(Path.GetFullPath(parse.GetValue(BuildCommands.Source)!), System.Console.In, System.Console.Out);
            if (parse.GetValue(title) is null)
            {
                Report.Error("--title で題名を指定するか、--interactive で対話モードにしてください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var config = CommandConfig.Load(source);
            if (config is null) return ExitCodes.UsageOrEnvironment;
            var volumes = config.Value.Volumes;
            var volumeId = parse.GetValue(volume);
            var vol = volumeId is null ? null : volumes.FirstOrDefault(v => v.Id == volumeId);
            if (volumeId is not null && vol is null)
            {
                Report.Error($"事例集「{volumeId}」は casebook.yml にありません。{Casebook.Core.Text.NearestMatch.Suggest(volumeId, volumes.Select(v => v.Id))}");
                return ExitCodes.UsageOrEnvironment;
            }
            var folder = Path.Combine(source, "input", "cases", volumeId ?? "other");
            var caseId = parse.GetValue(id) ?? NextId(folder, volumeId ?? "case");
            if (!ConfigLoader.IdPattern().IsMatch(caseId))
            {
                Report.Error($"ID「{caseId}」には半角英小文字・数字・ハイフンだけを使ってください。");
                return ExitCodes.UsageOrEnvironment;
            }
            if (ConfigLoader.IdTooLong(caseId, "事例の ID") is { } tooLong)
            {
                Report.Error(tooLong);
                return ExitCodes.UsageOrEnvironment;
            }
            var path = Path.Combine(folder, caseId + ".md");
            if (File.Exists(path))
            {
                Report.Error($"{path} はすでにあります。別の --id を指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var fy = vol?.FiscalYear ?? DateTime.Today.Year;
            return WriteCase(source, path, caseId, vol?.Id, Skeleton(caseId, parse.GetValue(title)!, volumeId, fy), System.Console.Out, "");
        });
        return cmd;
    }

    /// <summary>Writes the new case file and, for a case of a volume, adds it at the end of the volume's table of
    /// contents in casebook.yml — both or neither.</summary>
    internal static int WriteCase(string source, string path, string caseId, string? volumeId, string text, TextWriter output, string note)
    {
        var configPath = Path.Combine(source, ConfigLoader.FileName);
        string? updated = null;
        var tocNote = "";
        if (volumeId is not null)
        {
            try { updated = Casebook.Core.Editing.VolumeTocEditor.AddCase(File.ReadAllText(configPath), volumeId, caseId); }
            catch (FormatException e)
            {
                tocNote = $"{e.Message} casebook.yml の事例集「{volumeId}」の cases に「- {caseId}」を手で加えてください。";
            }
        }
        var file = new Casebook.Core.Editing.NewFilesWriter.NewFile(path, new System.Text.UTF8Encoding(false).GetBytes(text));
        var problem = Casebook.Core.Editing.NewFilesWriter.Write([file], configPath, updated,
            () => updated is null ? null : ImportCommand.TocStillLoads(source, volumeId!, caseId));
        if (problem is not null)
        {
            Report.Error(problem + " 何もつくりませんでした。");
            return ExitCodes.UsageOrEnvironment;
        }
        output.WriteLine($"作成しました: {Path.GetRelativePath(source, path).Replace('\\', '/')}{note}");
        if (updated is not null)
            output.WriteLine($"更新しました: {ConfigLoader.FileName}（事例集「{volumeId}」の目次の最後に「{caseId}」を加えました。順番は cases の並びで変えられます）");
        if (tocNote.Length > 0) output.WriteLine(tocNote);
        return ExitCodes.Ok;
    }

    internal static string NextId(string folder, string prefix)
    {
        for (var n = 1; ; n++)
        {
            var id = $"{prefix}-{n:D2}";
            if (!File.Exists(Path.Combine(folder, id + ".md"))) return id;
        }
    }

    private static string Yaml(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Flow(IEnumerable<string> items) =>
        "[" + string.Join(", ", items.Select(Casebook.Core.Editing.FrontMatterEditor.Scalar)) + "]";

    /// <summary>The skeleton with answers from the interactive mode filled in.</summary>
    public static string Skeleton(string id, string title, string? volume, int fiscalYear, string organization,
        IReadOnlyList<string> elements, IReadOnlyList<string> pillars, IReadOnlyList<string> tags) =>
        Skeleton(id, title, volume, fiscalYear)
            .Replace("organization: \"〇〇市社会福祉協議会\"\n", $"organization: {Yaml(organization)}\n")
            .Replace("elements: []\n", $"elements: {Flow(elements)}\n")
            .Replace("pillars: []\n", $"pillars: {Flow(pillars)}\n")
            .Replace("tags: []\n", $"tags: {Flow(tags)}\n");

    public static string Skeleton(string id, string title, string? volume, int fiscalYear) => $"""
        ---
        id: {id}
        title: {Yaml(title)}
        subtitle: ""
        summary: ""
        organization: "〇〇市社会福祉協議会"
        authors: []
        region:
          prefecture: ""
          city: ""
          ward: ""
        {(volume is null ? "" : $"volume: {volume}\n")}fiscal_year: {fiscalYear}
        elements: []
        pillars: []
        tags: []
        draft: true
        ---

        ## 取組のきっかけ

        ## 取組の内容

        ## 今後に向けて

        """;
}
