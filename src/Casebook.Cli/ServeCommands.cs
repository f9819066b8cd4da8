using System.CommandLine;
using Casebook.Cli.Serve;
using Casebook.Core.Loading;

namespace Casebook.Cli;

public static class ServeCommands
{
    public static Command Serve()
    {
        var port = new Option<int>("--port", "-p") { Description = "待ち受けるポート（既定: 8080。0 で空いているポート）", DefaultValueFactory = _ => 8080 };
        var noDrafts = new Option<bool>("--no-drafts") { Description = "下書き（draft: true）を表示しない" };
        var cmd = new Command("serve", "サイトを生成して http://127.0.0.1 で表示し、編集すると自動で作り直します（このパソコンからだけ見られます）") { BuildCommands.Source, port, noDrafts };
        cmd.SetAction(async (parse, cancel) =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            if (!File.Exists(Path.Combine(source, ConfigLoader.FileName)))
            {
                Report.Error($"{Path.Combine(source, ConfigLoader.FileName)} がありません。サイトのフォルダーを --source で指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var p = parse.GetValue(port);
            if (p is < 0 or > 65535)
            {
                Report.Error("--port は 0〜65535 にしてください。");
                return ExitCodes.UsageOrEnvironment;
            }
            PreviewServer server;
            try
            {
                server = await PreviewServer.StartAsync(new ServeOptions(source, p, !parse.GetValue(noDrafts), ShippedThemeDir: HostEnvironment.ShippedThemeDir), System.Console.Out);
            }
            catch (IOException e)
            {
                Report.Error($"ポート {p} で待ち受けられません（ほかのプログラムが使っているかもしれません。--port で変えてください）: {e.Message}");
                return ExitCodes.UsageOrEnvironment;
            }
            await using (server)
            {
                System.Console.Out.WriteLine($"serve: {server.Origin}/ で表示しています。終了するには Ctrl+C を押してください。");
                try { await Task.Delay(Timeout.Infinite, cancel); }
                catch (OperationCanceledException) { }
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
