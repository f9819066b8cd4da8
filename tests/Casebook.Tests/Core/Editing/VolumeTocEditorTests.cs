using Casebook.Core.Editing;

namespace Casebook.Tests.Core.Editing;

public class VolumeTocEditorTests
{
    private const string Head = "# 設定\nsite:\n  title: t   # 題名\nvolumes:\n";

    [Fact]
    public void Appends_to_a_block_list_and_changes_nothing_else()
    {
        var before = Head + "  - id: a\n    cases:\n      - x   # 最初\n      - y\n    # 次の巻\n  - id: b\n    cases:\n      - z\ntaxonomies: {}\n";
        Assert.Equal(before.Replace("      - y\n", "      - y\n      - new-1\n"), VolumeTocEditor.AddCase(before, "a", "new-1"));
        Assert.Equal(before.Replace("      - z\n", "      - z\n      - new-1\n"), VolumeTocEditor.AddCase(before, "b", "new-1"));
    }

    [Theory]
    [InlineData("    cases: []\n", "    cases: [new-1]\n")]
    [InlineData("    cases: [x, y]   # 目次\n", "    cases: [x, y, new-1]   # 目次\n")]
    [InlineData("    cases: [x,]\n", "    cases: [x, new-1]\n")]
    [InlineData("    cases:\n", "    cases: [new-1]\n")]
    [InlineData("    title: 題名\n", "    title: 題名\n    cases: [new-1]\n")]
    public void Handles_flow_empty_and_missing_lists(string cases, string expected)
    {
        var before = Head + "  - id: a\n" + cases + "  - id: b\n    cases: []\n";
        Assert.Equal(Head + "  - id: a\n" + expected + "  - id: b\n    cases: []\n", VolumeTocEditor.AddCase(before, "a", "new-1"));
    }

    [Fact]
    public void Keeps_crlf_and_bom_and_leaves_a_listed_case_alone()
    {
        var before = "\uFEFFvolumes:\r\n  - id: a\r\n    cases:\r\n      - x\r\n";
        Assert.Equal("\uFEFFvolumes:\r\n  - id: a\r\n    cases:\r\n      - x\r\n      - n\r\n", VolumeTocEditor.AddCase(before, "a", "n"));
        Assert.Same(before, VolumeTocEditor.AddCase(before, "a", "x"));
    }

    [Fact]
    public void Refuses_what_it_cannot_rewrite()
    {
        Assert.Throws<FormatException>(() => VolumeTocEditor.AddCase(Head + "  - id: a\n    cases: [x,\n      y]\n", "a", "n"));
        Assert.Throws<FormatException>(() => VolumeTocEditor.AddCase(Head + "  - id: a\n", "zz", "n"));
        Assert.Throws<FormatException>(() => VolumeTocEditor.AddCase("site: {}\n", "a", "n"));
    }
}
