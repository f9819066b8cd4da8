using System.CommandLine;
using Casebook.Core.Diagnostics;
using Casebook.Core.Editing;
using Casebook.Core.Importing;
using Casebook.Core.Loading;

namespace Casebook.Cli;

/// <summary><c>casebook import FILE.docx --volume ID [--id ID]</c>: a Word document becomes a case of the volume (its
/// images under input/assets/cases/&lt;id&gt;/, its id at the end of the volume's table of contents).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "取り込む Word 文書（.docx）" };
        var volume = new Option<string>("--volume") { Description = "事例を加える事例集（巻）の ID", Required = true };
        var id = new Option<string?>("--id") { Description = "事例の ID（半角英小文字・数字・ハイフン）。省略すると <巻ID>-01 のように付けます" };
        var cmd = new Command("import", "Word 文書（.docx）を事例として取り込みます（画像は input/assets/ に書き出します）")
            { BuildCommands.Source, file, volume, id };
        cmd.SetAction(parse => Run(Path.GetFullPath(parse.GetValue(BuildCommands.Source)!), parse.GetValue(file)!, parse.GetValue(volume)!, parse.GetValue(id)));
        return cmd;
    }

    private static int Run(string source, string file, string volumeId, string? caseId)
    {
        var config = CommandConfig.Load(source, errorsAreFatal: true);
        if (config is null) return ExitCodes.UsageOrEnvironment;
        var documentPath = Path.GetFullPath(file);
        if (!File.Exists(documentPath))
        {
            Report.Error($"{file} がありません。");
            return ExitCodes.UsageOrEnvironment;
        }
        var vol = config.Value.Volumes.FirstOrDefault(v => v.Id == volumeId);
        if (vol is null)
        {
            Report.Error($"事例集「{volumeId}」は casebook.yml にありません。{Casebook.Core.Text.NearestMatch.Suggest(volumeId, config.Value.Volumes.Select(v => v.Id))}");
            return ExitCodes.UsageOrEnvironment;
        }
        var folder = Path.Combine(source, "input", "cases", vol.Id);
        caseId ??= NewCommands.NextId(folder, vol.Id);
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
        var casePath = Path.Combine(folder, caseId + ".md");
        if (File.Exists(casePath))
        {
            Report.Error($"{Relative(source, casePath)} はすでにあります。別の --id を指定してください。");
            return ExitCodes.UsageOrEnvironment;
        }

        ImportedCase imported;
        try
        {
            imported = DocxImporter.Import(File.ReadAllBytes(documentPath),
                new ImportRequest(file, caseId, vol.Id, vol.FiscalYear, "cases/" + caseId));
        }
        catch (DocxImportException e)
        {
            Report.Diagnostics([new Diagnostic(Severity.Error, e.Code, e.Message, new SourceSpan(file, 1, 1))]);
            return ExitCodes.ContentErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report.Error($"{file} を読めません: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }

        var configPath = Path.Combine(source, ConfigLoader.FileName);
        string updated;
        try { updated = VolumeTocEditor.AddCase(File.ReadAllText(configPath), vol.Id, caseId); }
        catch (FormatException e)
        {
            Report.Error(e.Message + $" 何も書き出していません。事例集「{vol.Id}」の cases: を「- ID」の形にしてから、もう一度取り込んでください。");
            return ExitCodes.UsageOrEnvironment;
        }
        var assetsRoot = Path.Combine(source, "input", "assets");
        var files = new List<NewFilesWriter.NewFile> { new(casePath, new System.Text.UTF8Encoding(false).GetBytes(imported.CaseFile)) };
        files.AddRange(imported.Assets.Select(a => new NewFilesWriter.NewFile(Path.Combine(assetsRoot, a.AssetPath), a.Bytes)));
        var problem = NewFilesWriter.Write(files, configPath, updated, () => TocStillLoads(source, vol.Id, caseId));
        if (problem is not null)
        {
            Report.Error(problem + " 何も書き出していません。");
            return ExitCodes.UsageOrEnvironment;
        }

        Report.Diagnostics(imported.Warnings);
        foreach (var f in files) System.Console.Out.WriteLine($"作成しました: {Relative(source, f.FullPath)}");
        System.Console.Out.WriteLine($"更新しました: {ConfigLoader.FileName}（事例集「{vol.Id}」の目次の最後に「{caseId}」を加えました）");
        if (imported.Warnings.Count > 0)
            System.Console.Out.WriteLine($"警告 {imported.Warnings.Count} 件: 取り込めなかった部分と空の項目を確かめてから casebook check を実行してください。");
        return ExitCodes.Ok;
    }

    /// <summary>Null when casebook.yml still loads and lists the case in the volume; else why not.</summary>
    internal static string? TocStillLoads(string source, string volumeId, string caseId)
    {
        var check = new DiagnosticBag();
        var reloaded = ConfigLoader.Load(source, null, check);
        if (reloaded is not null && !check.HasErrors
            && reloaded.Value.Item3.FirstOrDefault(v => v.Id == volumeId)?.CaseOrder.Any(o => o.Id == caseId) == true)
            return null;
        Report.Diagnostics(check.Sorted());
        return "casebook.yml の目次に事例を書き足せませんでした（元に戻しました）。";
    }

    private static string Relative(string source, string path) => Path.GetRelativePath(source, path).Replace('\\', '/');
}
