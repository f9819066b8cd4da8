using System.CommandLine;
using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;

namespace Casebook.Cli;

/// <summary>casebook fix-encoding FILE…: converts Shift_JIS (CP932) files to UTF-8, keeping a backup.</summary>
public static class FixEncodingCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "変換するファイル", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("fix-encoding", "Shift_JIS（CP932）のファイルを UTF-8 に変換します（元のファイルは .sjis.bak として残します）") { files };
        cmd.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            // Check every name first: a mistyped name or option converts nothing rather than some of the files.
            var missing = paths.Where(f => !File.Exists(f)).ToList();
            foreach (var f in missing)
                Report.Error(f.StartsWith('-')
                    ? $"fix-encoding にオプション {f} はありません。変換するファイルを並べてください（例: casebook fix-encoding input/cases/a.md）。"
                    : $"{f} がありません。");
            if (missing.Count > 0) return ExitCodes.UsageOrEnvironment;
            var code = ExitCodes.Ok;
            foreach (var f in paths) code = Math.Max(code, Fix(f));
            return code;
        });
        return cmd;
    }

    public static int Fix(string path)
    {
        if (!File.Exists(path))
        {
            Report.Error($"{path} がありません。");
            return ExitCodes.UsageOrEnvironment;
        }
        var bytes = File.ReadAllBytes(path);
        var bag = new DiagnosticBag();
        if (SourceReader.Decode(bytes, path, bag) is not null || bag.Sorted().Any(d => d.Code == DiagnosticCodes.EmptyFile))
        {
            Console.Out.WriteLine($"{path}: すでに UTF-8 です。変更しません。");
            return ExitCodes.Ok;
        }
        if (!SourceReader.LooksShiftJis(bytes))
        {
            Report.Error($"{path}: UTF-8 でも Shift_JIS でもないため変換できません。元の文字コードで開き、UTF-8 で保存してください。");
            return ExitCodes.ContentErrors;
        }
        var text = Encoding.GetEncoding(932).GetString(bytes);
        var backup = path + ".sjis.bak";
        for (var n = 2; File.Exists(backup); n++) backup = $"{path}.sjis{n}.bak";
        File.Copy(path, backup);
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        Console.Out.WriteLine($"{path}: Shift_JIS から UTF-8 に変換しました（元のファイル: {backup}）。");
        return ExitCodes.Ok;
    }
}
