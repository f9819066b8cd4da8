using Casebook.Core.Binding;
using System.CommandLine;
using Casebook.Core.Diagnostics;
using Casebook.Core.Editing;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Validation;

namespace Casebook.Cli;

/// <summary><c>casebook tags import FILE… [--apply]</c>: readers' マイタグ exports become suggested themes per case;
/// with --apply the new ones are written with the same byte-preserving editor as <c>casebook tag</c>.</summary>
public static class TagImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "マイタグの一覧（/my/）で書き出した JSON（いくつでも）", Arity = ArgumentArity.OneOrMore };
        var apply = new Option<bool>("--apply") { Description = "新しいテーマを事例のファイルに書き込む（付けないときは表示だけ）" };
        var cmd = new Command("import", "読み手のマイタグ（書き出した JSON）を、事例ごとのテーマの候補として表示し、--apply で書き込みます")
            { files, apply, BuildCommands.Source };
        cmd.SetAction(parse => Run(Path.GetFullPath(parse.GetValue(BuildCommands.Source)!), parse.GetValue(files)!, parse.GetValue(apply)));
        return cmd;
    }

    private static int Run(string source, string[] files, bool apply)
    {
        var config = CommandConfig.Load(source);
        if (config is null) return ExitCodes.UsageOrEnvironment;
        var editor = new CaseTermEditor(config.Value.Taxonomies);
        var diagnostics = new DiagnosticBag();
        var missing = false;
        var exports = new List<ReaderExport>();
        foreach (var file in files)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                diagnostics.Error(DiagnosticCodes.UnreadableFile, "ファイルがありません。", SourceSpan.File(file));
                missing = true;
                continue;
            }
            if (ReaderExportFile.Read(full, file, diagnostics) is { } export) exports.Add(export);
        }
        var contentDiagnostics = new DiagnosticBag();
        var content = ContentLoader.Load(source, null, contentDiagnostics);
        if (content is null)
        {
            Report.Diagnostics(contentDiagnostics.Sorted());
            return ExitCodes.UsageOrEnvironment;
        }
        ContentBinder.Bind(content, contentDiagnostics);
        var plan = TagImportPlan.Build(content, editor, exports, diagnostics);

        var o = System.Console.Out;
        o.WriteLine($"マイタグの取り込み: {files.Length} 個のファイル（読めたもの {exports.Count} 個）、{plan.Readers} 人分、{plan.Cases.Count} 件の事例");
        foreach (var c in plan.Cases)
        {
            o.WriteLine();
            o.WriteLine($"{c.Case.Id}「{c.Case.Title}」 {c.Case.SourcePath}");
            Line(o, "加える", c.Tags.Where(t => t.Kind == SuggestionKind.New));
            Line(o, "すでにある", c.Tags.Where(t => t.Kind == SuggestionKind.AlreadyThere));
            var near = c.Tags.Where(t => t.Kind == SuggestionKind.NearDuplicate).ToList();
            if (near.Count > 0)
            {
                o.WriteLine($"  表記ゆれの候補（加えません）: {string.Join("、", near.Select(t => $"{t.Tag}（{t.Readers} 人）→ 既存のテーマ「{t.Existing}」"))}");
                o.WriteLine($"    既存の書き方で加えるには: casebook tag {c.Case.Id} --add {string.Join(" ", near.Select(t => "tags/" + t.Existing).Distinct())}");
            }
            foreach (var n in c.Notes) o.WriteLine($"  メモ（{n.Reader}）: {n.Text.ReplaceLineEndings(" ")}");
        }
        var unknown = diagnostics.Sorted().Where(d => d.Code == DiagnosticCodes.ReaderExportUnknownCase).ToList();
        if (unknown.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"このサイトにない事例: {unknown.Count} 件（下のエラーを見てください）");
        }
        var adds = plan.Cases.Select(c => (c.Case, Tags: c.New.ToList())).Where(x => x.Tags.Count > 0).ToList();
        var total = adds.Sum(x => x.Tags.Count);
        o.WriteLine();

        if (diagnostics.HasErrors)
        {
            Report.Diagnostics(diagnostics.Sorted());
            o.WriteLine(apply ? "誤りがあるため、どのファイルも書き換えませんでした。" : "誤りがあります。直してから --apply を付けて実行してください。");
            return missing ? ExitCodes.UsageOrEnvironment : ExitCodes.ContentErrors;
        }
        Report.Diagnostics(diagnostics.Sorted());   // warnings
        if (!apply)
        {
            o.WriteLine(total == 0 ? "加えるテーマはありません。"
                : $"{adds.Count} 件の事例に {total} 個のテーマを加えます。書き込むには --apply を付けてください。");
            return ExitCodes.Ok;
        }
        return Apply(source, editor, adds);
    }

    /// <summary>Every edit is made and checked in memory first; only when all succeed is anything written.</summary>
    private static int Apply(string source, CaseTermEditor editor, List<(Casebook.Core.Model.CaseStudy Case, List<TagSuggestion> Tags)> adds)
    {
        var edits = new List<(string Display, string Full, byte[] Bytes, string Hash)>();
        var failed = false;
        foreach (var (c, tags) in adds)
        {
            try
            {
                var full = SourceFileWriter.CheckEditable(source, c.SourcePath);
                var (bytes, hash) = SourceFileWriter.Read(full);
                var (edited, _) = editor.AddRemove(bytes, c.SourcePath, tags.Select(t => editor.ResolveIn(TaxonomyIds.Tags, t.Tag)), []);
                if (!ReferenceEquals(edited, bytes)) edits.Add((c.SourcePath, full, edited, hash));
            }
            catch (FrontMatterEditException e)
            {
                failed = true;
                Report.Error($"{c.SourcePath}: {e.Message}");
            }
        }
        if (failed)
        {
            System.Console.Out.WriteLine("書き換えられない事例があるため、どのファイルも書き換えませんでした。");
            return ExitCodes.ContentErrors;
        }
        foreach (var (display, full, bytes, hash) in edits)
        {
            try
            {
                SourceFileWriter.Write(source, full, bytes, hash);
                System.Console.Out.WriteLine($"{display}: 書き換えました");
            }
            catch (EditConflictException e)
            {
                Report.Error($"{display}: {e.Message}");
                return ExitCodes.ContentErrors;
            }
        }
        System.Console.Out.WriteLine($"{edits.Count} 件の事例にテーマを加えました。casebook build でサイトを作り直してください。");
        return ExitCodes.Ok;
    }

    private static void Line(TextWriter o, string label, IEnumerable<TagSuggestion> tags)
    {
        var list = tags.ToList();
        if (list.Count > 0) o.WriteLine($"  {label}: {string.Join("、", list.Select(t => $"{t.Tag}（{t.Readers} 人）"))}");
    }
}
