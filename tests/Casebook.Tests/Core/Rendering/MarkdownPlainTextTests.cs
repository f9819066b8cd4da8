using Casebook.Core.Diagnostics;
using Casebook.Core.Rendering;

namespace Casebook.Tests.Core.Rendering;

/// <summary>The rendered document's plain text (for search) and section titles (for the table of contents) keep every
/// literal's text, in order, with blocks and line breaks as spaces.</summary>
public class MarkdownPlainTextTests
{
    [Fact]
    public void Plain_text_and_section_titles_keep_all_literal_text()
    {
        var r = new MarkdownRenderer("/", false).Render(
            "## 取組の**きっかけ**と`経緯`\n\n本文の**強調**と[リンク](/cases/a/)。\n次の行\n\n- 項目&amp;一\n",
            "input/cases/a.md", 5, new DiagnosticBag());
        Assert.Equal("取組のきっかけと経緯", Assert.Single(r.Sections).Title);
        Assert.Equal(" 取組のきっかけと経緯 本文の強調とリンク。 次の行 項目一", r.PlainText.Replace("  ", " "));
    }
}
