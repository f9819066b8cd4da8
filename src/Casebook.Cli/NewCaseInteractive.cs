using Casebook.Core.Diagnostics;
using Casebook.Core.Editing;
using Casebook.Core.Loading;
using Casebook.Core.Model;

namespace Casebook.Cli;

/// <summary><c>casebook new case</c> without <c>--title</c> on a terminal (or with <c>--interactive</c>): asks for
/// the fields one by one, checks each answer, then writes the same skeleton as the non-interactive mode.</summary>
public static class NewCaseInteractive
{
    private sealed class Aborted : Exception;

    public static int Run(string source, TextReader input, TextWriter output)
    {
        var config = CommandConfig.Load(source);
        if (config is null) return ExitCodes.UsageOrEnvironment;
        var (_, taxonomies, volumes) = config.Value;
        var editor = new CaseTermEditor(taxonomies);

        string Ask(string question, string? fallback = null)
        {
            output.Write(fallback is null or "" ? $"{question}: " : $"{question} [{fallback}]: ");
            output.Flush();
            var line = input.ReadLine() ?? throw new Aborted();
            line = line.Trim();
            return line.Length == 0 ? fallback ?? "" : line;
        }

        try
        {
            output.WriteLine("新しい事例のひな形をつくります。空のまま Enter を押すと [ ] の中の値になります。");
            string title;
            while ((title = Ask("題名")).Length == 0) output.WriteLine("  題名は必ず入れてください。");

            Volume? vol = null;
            if (volumes.Count > 0)
            {
                output.WriteLine("事例集:");
                for (var i = 0; i < volumes.Count; i++) output.WriteLine($"  {i + 1}. {volumes[i].Id}（{volumes[i].Title}）");
                while (true)
                {
                    var answer = Ask("事例集の番号か ID（どれにも入れないなら空）");
                    if (answer.Length == 0) break;
                    vol = int.TryParse(answer, out var n) && n >= 1 && n <= volumes.Count ? volumes[n - 1] : volumes.FirstOrDefault(v => v.Id == answer);
                    if (vol is not null) break;
                    output.WriteLine($"  「{answer}」という事例集はありません。{Casebook.Core.Text.NearestMatch.Suggest(answer, volumes.Select(v => v.Id))}");
                }
            }
            var folder = Path.Combine(source, "input", "cases", vol?.Id ?? "other");
            string caseId;
            while (true)
            {
                caseId = Ask("ID（半角英小文字・数字・ハイフン）", NewCommands.NextId(folder, vol?.Id ?? "case"));
                if (!ConfigLoader.IdPattern().IsMatch(caseId)) output.WriteLine("  半角英小文字・数字・ハイフンだけを使ってください。");
                else if (ConfigLoader.IdTooLong(caseId, "ID") is { } tooLong) output.WriteLine("  " + tooLong);
                else if (File.Exists(Path.Combine(folder, caseId + ".md"))) output.WriteLine("  その ID のファイルはすでにあります。");
                else break;
            }
            string organization;
            while (ConfigLoader.NameTooLong(organization = Ask("組織（例: 中区社会福祉協議会）", "〇〇市社会福祉協議会"), "組織名") is { } tooLong)
                output.WriteLine("  " + tooLong);
            int fiscalYear;
            while (!int.TryParse(Ask("年度（西暦の開始年）", (vol?.FiscalYear ?? DateTime.Today.Year).ToString(System.Globalization.CultureInfo.InvariantCulture)), out fiscalYear)
                   || fiscalYear is < 1868 or > 9999)
                output.WriteLine("  2022 のように西暦で入れてください。");

            List<string> Terms(string tax, string question)
            {
                while (true)
                {
                    var answer = Ask(question);
                    var parts = answer.Split([',', '、', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    // A term names a page folder (CB1107): a new theme too long for one is asked again, not written.
                    if (tax == TaxonomyIds.Tags && parts.Select(p => ConfigLoader.NameTooLong(p, "テーマ")).FirstOrDefault(m => m is not null) is { } tooLong)
                    {
                        output.WriteLine("  " + tooLong);
                        continue;
                    }
                    try { return parts.Select(p => editor.ResolveIn(tax, p)).DistinctBy(c => c.Key).Select(c => c.Written).ToList(); }
                    catch (FrontMatterEditException e) { output.WriteLine("  " + e.Message); }
                }
            }
            var elements = taxonomies[TaxonomyIds.Elements];
            output.WriteLine("7つの要素: " + string.Join("　", elements.Terms.Select(t => t.Display)));
            var el = Terms(TaxonomyIds.Elements, "要素の番号（例: 1 5 7。後で決めるなら空）");
            output.WriteLine("柱: " + string.Join("　", taxonomies[TaxonomyIds.Pillars].Terms.Select(t => t.Label)));
            var pi = Terms(TaxonomyIds.Pillars, "柱（読点か空白で区切る。後で決めるなら空）");
            var tg = Terms(TaxonomyIds.Tags, "テーマ（読点か空白で区切る。後で決めるなら空）");

            var path = Path.Combine(folder, caseId + ".md");
            return NewCommands.WriteCase(source, path, caseId, vol?.Id, NewCommands.Skeleton(caseId, title, vol?.Id, fiscalYear, organization, el, pi, tg),
                output, "（draft: true。本文を書いたら false にしてください）");
        }
        catch (Aborted)
        {
            output.WriteLine();
            Report.Error("入力が終わったため、何もつくらずに中止しました。");
            return ExitCodes.UsageOrEnvironment;
        }
    }
}
