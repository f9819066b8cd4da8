using System.CommandLine;
using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Editing;
using Casebook.Core.Loading;
using Casebook.Core.Model;
using Casebook.Core.Text;
using Casebook.Core.Binding;

namespace Casebook.Cli;

/// <summary><c>casebook tag</c>, <c>casebook tags</c> and <c>casebook tags rename</c>: edit case terms in front
/// matter without touching anything else in the files.</summary>
public static class TagCommands
{
    public static Command Tag()
    {
        var caseId = new Argument<string>("CASE_ID") { Description = "事例の ID" };
        var add = new Option<string[]>("--add") { Description = "加える語（例: 3、elements/3、pillars/交流・居場所、tags/研修、研修）", AllowMultipleArgumentsPerToken = true };
        var remove = new Option<string[]>("--remove") { Description = "外す語（書き方は --add と同じ）", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("tag", "事例の 7つの要素・柱・テーマを加えたり外したりします（ほかの行は変えません）") { caseId, add, remove, BuildCommands.Source };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var adds = parse.GetValue(add) ?? [];
            var removes = parse.GetValue(remove) ?? [];
            if (adds.Length == 0 && removes.Length == 0)
            {
                Report.Error("--add か --remove で語を指定してください。");
                return ExitCodes.UsageOrEnvironment;
            }
            var editor = Editor(source);
            if (editor is null) return ExitCodes.UsageOrEnvironment;
            var id = parse.GetValue(caseId)!;
            var file = CaseTermEditor.FindCaseFile(source, id);
            if (file is null)
            {
                Report.Error($"事例「{id}」が input/cases/ にありません。");
                return ExitCodes.UsageOrEnvironment;
            }
            var display = ContentLoader.DisplayPath(source, file);
            try
            {
                var full = SourceFileWriter.CheckEditable(source, file);
                var addChoices = adds.Select(editor.Resolve).ToList();
                var removeChoices = removes.Select(editor.Resolve).ToList();
                var (bytes, hash) = SourceFileWriter.Read(full);
                var (edited, notPresent) = editor.AddRemove(bytes, display, addChoices, removeChoices);
                foreach (var n in notPresent)
                    System.Console.Error.WriteLine($"{display}: warning: 「{n.Label}」（{n.Taxonomy}）はもともとありません。");
                if (ReferenceEquals(edited, bytes))
                {
                    System.Console.Out.WriteLine($"{display}: 変更はありません。");
                    return ExitCodes.Ok;
                }
                SourceFileWriter.Write(source, full, edited, hash);
                var now = editor.Read(edited);
                System.Console.Out.WriteLine($"{display}: 書き換えました。");
                foreach (var tax in CaseTermEditor.Keys)
                    System.Console.Out.WriteLine($"  {tax}: [{string.Join(", ", now[tax])}]");
                return ExitCodes.Ok;
            }
            catch (EditConflictException e)
            {
                Report.Error($"{display}: {e.Message}");
                return ExitCodes.ContentErrors;
            }
            catch (FrontMatterEditException e)
            {
                Report.Error($"{display}: {e.Message}");
                return ExitCodes.ContentErrors;
            }
        });
        return cmd;
    }

    public static Command Tags()
    {
        var cmd = new Command("tags", "語ごとの事例数、使われていない語、表記ゆれの候補を表示します") { BuildCommands.Source };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var content = LoadContent(source);
            if (content is null) return ExitCodes.UsageOrEnvironment;
            var report = TagReport.Build(content);
            var o = System.Console.Out;
            foreach (var tax in CaseTermEditor.Keys)
            {
                var t = content.Taxonomies[tax];
                o.WriteLine($"{t.Label}（{tax}）");
                foreach (var term in report.Terms.Where(x => x.Taxonomy == tax))
                    o.WriteLine($"  {term.Count,4}  {term.Label}");
            }
            o.WriteLine();
            o.WriteLine("使われていない語:");
            if (report.Unused.Count == 0) o.WriteLine("  なし");
            foreach (var u in report.Unused) o.WriteLine($"  {u.Taxonomy}/{u.Label}");
            o.WriteLine();
            o.WriteLine("表記ゆれの候補:");
            if (report.NearDuplicates.Count == 0) o.WriteLine("  なし");
            foreach (var n in report.NearDuplicates)
            {
                var why = n.Kind switch { "spelling" => "同じテーマとして数える別表記", "variant" => "大文字小文字・空白・記号だけの違い", _ => "よく似た語" };
                o.WriteLine($"  {string.Join(" / ", n.Terms)}  （{why}）");
            }
            if (report.NearDuplicates.Count > 0)
                o.WriteLine("まとめるには: casebook tags rename 古い語 新しい語");
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(Rename());
        cmd.Subcommands.Add(TagImportCommand.Create());
        return cmd;
    }

    private static Command Rename()
    {
        var oldTag = new Argument<string>("OLD") { Description = "今のテーマ" };
        var newTag = new Argument<string>("NEW") { Description = "新しいテーマ" };
        var dryRun = new Option<bool>("--dry-run") { Description = "書き換えずに、変わるファイルだけを表示する" };
        var cmd = new Command("rename", "テーマ（tags）の名前をすべての事例で変えます") { oldTag, newTag, dryRun, BuildCommands.Source };
        cmd.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(BuildCommands.Source)!);
            var editor = Editor(source);
            if (editor is null) return ExitCodes.UsageOrEnvironment;
            var from = parse.GetValue(oldTag)!;
            var to = TextNormalizer.Tag(parse.GetValue(newTag)!);
            if (to.Length == 0 || TextNormalizer.Tag(from).Length == 0)
            {
                Report.Error("空のテーマは使えません。");
                return ExitCodes.UsageOrEnvironment;
            }
            var fromKey = editor.KeyOf(TaxonomyIds.Tags, from);
            var cases = Path.Combine(source, "input", "cases");
            var changed = 0;
            var failed = 0;
            var files = Directory.Exists(cases) ? Directory.EnumerateFiles(cases, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
            foreach (var file in files)
            {
                var display = ContentLoader.DisplayPath(source, file);
                try
                {
                    var (bytes, hash) = SourceFileWriter.Read(file);
                    var doc = EditableDocument.Parse(bytes);
                    var edited = FrontMatterEditor.ReplaceItems(doc.Text, TaxonomyIds.Tags, raw => editor.KeyOf(TaxonomyIds.Tags, raw) == fromKey, to);
                    if (edited == doc.Text) continue;
                    changed++;
                    if (parse.GetValue(dryRun)) { System.Console.Out.WriteLine($"{display}: 変わります"); continue; }
                    SourceFileWriter.Write(source, file, doc.ToBytes(edited), hash);
                    System.Console.Out.WriteLine($"{display}: 書き換えました");
                }
                catch (Exception e) when (e is FrontMatterEditException or EditConflictException)
                {
                    failed++;
                    Report.Error($"{display}: {e.Message}");
                }
            }
            System.Console.Out.WriteLine($"「{from}」→「{to}」: {changed} 件の事例{(parse.GetValue(dryRun) ? "が変わります（--dry-run）" : "を書き換えました")}。");
            return failed > 0 ? ExitCodes.ContentErrors : ExitCodes.Ok;
        });
        return cmd;
    }

    private static CaseTermEditor? Editor(string source)
    {
        var config = CommandConfig.Load(source);
        return config is null ? null : new CaseTermEditor(config.Value.Taxonomies);
    }

    private static SiteContent? LoadContent(string source)
    {
        var diagnostics = new DiagnosticBag();
        var content = ContentLoader.Load(source, null, diagnostics);
        if (content is null)
        {
            Report.Diagnostics(diagnostics.Sorted());
            return null;
        }
        ContentBinder.Bind(content, diagnostics);
        return content;
    }
}
