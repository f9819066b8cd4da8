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
        return cmd;
    }

    private static Command NewCase()
    {
        var volume = new Option<string?>("--volume") { Description = "所属する事例集（巻）の ID" };
        var title = new Option<string>("--title") { Description = "事例の題名", Required = true };
        var id = new Option<string?>("--id") { Description = "事例の ID（半角英小文字・数字・ハイフン）。省略すると自動で付けます" };
        var cmd = new Command("case", "事例のひな形を input/cases/ に書き出します") { BuildCommands.Source, volume, title, id };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var diagnostics = new DiagnosticBag();
            var config = File.Exists(Path.Combine(source, ConfigLoader.FileName)) ? ConfigLoader.Load(source, null, diagnostics) : null;
            if (config is null)
            {
                Report.Diagnostics(diagnostics.Sorted());
                Report.Error($"{Path.Combine(source, ConfigLoader.FileName)} を読めません。サイトのフォルダーを --source で指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var volumes = config.Value.Item3;
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
            var path = Path.Combine(folder, caseId + ".md");
            if (File.Exists(path))
            {
                Report.Error($"{path} はすでにあります。別の --id を指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            Directory.CreateDirectory(folder);
            var fy = vol?.FiscalYear ?? DateTime.Today.Year;
            File.WriteAllText(path, Skeleton(caseId, parse.GetValue(title)!, volumeId, fy));
            System.Console.Out.WriteLine($"作成しました: {Path.GetRelativePath(source, path).Replace('\\', '/')}");
            if (vol is not null)
                System.Console.Out.WriteLine($"casebook.yml の事例集「{vol.Id}」の cases に「- {caseId}」を加えると、目次の好きな位置に並べられます。");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string NextId(string folder, string prefix)
    {
        for (var n = 1; ; n++)
        {
            var id = $"{prefix}-{n:D2}";
            if (!File.Exists(Path.Combine(folder, id + ".md"))) return id;
        }
    }

    private static string Yaml(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

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
