using System.CommandLine;
using Casebook.Publishing.Pdf;

namespace Casebook.Cli;

public static class PdfCommand
{
    public static Command Create()
    {
        var volume = new Option<string>("--volume") { Description = "PDF にする事例集（巻）の ID", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "書き出す PDF ファイル（既定: <巻の ID>.pdf）" };
        var cmd = new Command("pdf", "事例集の印刷版を PDF にします（Chromium を使います）") { BuildCommands.Source, volume, output };
        cmd.SetAction(async (parse, cancel) =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            if (!File.Exists(Path.Combine(source, "casebook.yml")))
            {
                Report.Error($"{Path.Combine(source, "casebook.yml")} がありません。サイトのフォルダーを --source で指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var volumeId = parse.GetValue(volume)!;
            var file = Path.GetFullPath(parse.GetValue(output) ?? volumeId + ".pdf");
            PdfResult result;
            try
            {
                result = await PdfPublisher.RunAsync(new PdfOptions(source, volumeId, file, ChromiumPath: HostEnvironment.Chromium,
                        ShippedThemeDir: HostEnvironment.ShippedThemeDir, SourceDateEpoch: HostEnvironment.SourceDateEpoch),
                    stage => System.Console.Out.WriteLine(stage == "build" ? "サイトを生成しています…" : "PDF を作っています…"), cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report.Error($"PDF を書き出せませんでした: {e.Message}");
                return ExitCodes.UsageOrEnvironment;
            }
            Report.Diagnostics(result.Diagnostics);
            switch (result.Status)
            {
                case PdfStatus.Ok:
                    System.Console.Out.WriteLine($"作成しました: {result.Message}");
                    return ExitCodes.Ok;
                case PdfStatus.BuildFailed:
                    Report.Error(result.Message);
                    return ExitCodes.ContentErrors;
                default:
                    Report.Error(result.Message);
                    return ExitCodes.UsageOrEnvironment;
            }
        });
        return cmd;
    }
}
