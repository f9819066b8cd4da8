using Casebook.Core;
using Casebook.Tests.Support;

namespace Casebook.Tests.Core.Rendering;

/// <summary>Words the pages show come from the theme's i18n/ja.yml, not from code.</summary>
public class UiStringTests
{
    [Fact]
    public void Volume_number_foreword_title_and_term_count_come_from_the_theme_strings()
    {
        using var site = new FixtureSite(FixtureSite.Config + "\n" + FixtureSite.Case("alpha") + "\n" + FixtureSite.Case("beta") + """

            -- input/volumes/vol-a.md --
            はじめの言葉です。
            """);
        var theme = Path.Combine(site.Root, "custom-theme");
        CopyDirectory(Repo.Theme, theme);
        var strings = Path.Combine(theme, "i18n", "ja.yml");
        var yml = File.ReadAllText(strings)
            .Replace("  foreword_title: はじめに\n", "  foreword_title: 刊行にあたって\n")
            .Replace("  volume_number: 第{n}集\n", "  volume_number: 通巻{n}号\n")
            .Replace("  terms_suffix: 語\n", "  terms_suffix: 項目\n");
        File.WriteAllText(strings, yml);

        var result = Pipeline.Run(new BuildOptions(site.Root, site.Output, ThemeDir: theme));
        Assert.True(result.Success, string.Join("\n", FixtureSite.Lines(result)));
        var volume = site.ReadOutput("volumes/vol-a/index.html");
        Assert.Contains("通巻6号", volume);
        Assert.DoesNotContain("第6集", volume);
        Assert.Contains("刊行にあたって", volume);
        Assert.DoesNotContain("はじめに", volume);
        Assert.Contains("7 項目 ・", site.ReadOutput("elements/index.html"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
