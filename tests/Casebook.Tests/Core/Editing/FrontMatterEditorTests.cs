using System.Text;
using Casebook.Core.Editing;

namespace Casebook.Tests.Core.Editing;

public class FrontMatterEditorTests
{
    private static string Set(string text, string key, params string[] values) => FrontMatterEditor.SetList(text, key, values);

    [Fact]
    public void Flow_list_keeps_quoting_of_kept_items_and_appends_new_ones()
    {
        var before = "---\ntitle: 題名  # 残すコメント\ntags: [\"ＩＣＴ\", 'a b', 防災]   # テーマ\nbody_key: x\n---\n本文 tags: [no]\n";
        var after = Set(before, "tags", "ＩＣＴ", "防災", "新しい");
        Assert.Equal("---\ntitle: 題名  # 残すコメント\ntags: [\"ＩＣＴ\", 防災, 新しい]   # テーマ\nbody_key: x\n---\n本文 tags: [no]\n", after);
    }

    [Fact]
    public void Multi_line_flow_list_becomes_one_line_and_nothing_else_changes()
    {
        var before = "---\ntags: [a,\n  b,\n]\nafter: 1\n---\n";
        Assert.Equal("---\ntags: [a, c]\nafter: 1\n---\n", Set(before, "tags", "a", "c"));
    }

    [Fact]
    public void Block_list_removes_item_lines_keeps_comments_and_appends_in_the_same_indent()
    {
        var before = """
            ---
            title: x
            tags:
                # 最初のコメント
                - 見守り   # 行末コメント
                - 'サロン'
                # サロンの次
                - 防災
            source: 出典
            ---
            本文
            """;
        var after = Set(before, "tags", "見守り", "防災", "ICT: 活用");
        Assert.Equal("""
            ---
            title: x
            tags:
                # 最初のコメント
                - 見守り   # 行末コメント
                # サロンの次
                - 防災
                - "ICT: 活用"
            source: 出典
            ---
            本文
            """, after);
    }

    [Fact]
    public void Removing_every_block_item_leaves_an_empty_flow_list_on_the_key_line()
    {
        var before = "---\ntags:   # テーマ\n- a\n- b\nnext: 1\n---\n";
        Assert.Equal("---\ntags: []   # テーマ\nnext: 1\n---\n", Set(before, "tags"));
    }

    [Fact]
    public void Missing_key_is_added_as_last_front_matter_line()
    {
        var before = "---\ntitle: x\n---\n## 本文\n";
        Assert.Equal("---\ntitle: x\ntags: [研修]\n---\n## 本文\n", Set(before, "tags", "研修"));
    }

    [Fact]
    public void Empty_and_null_values_are_filled_in_place()
    {
        Assert.Equal("---\ntags: [a]  # なし\nx: 1\n---\n", Set("---\ntags:  # なし\nx: 1\n---\n", "tags", "a"));
        Assert.Equal("---\ntags: [a]\n---\n", Set("---\ntags: ~\n---\n", "tags", "a"));
        Assert.Equal("---\ntags: [a, b]\n---\n", Set("---\ntags: a\n---\n", "tags", "a", "b"));
    }

    [Fact]
    public void Values_that_are_not_plain_yaml_are_double_quoted_and_read_back_identically()
    {
        var tricky = new[] { "null", "true", "a, b", "[x]", "#tag", "- dash", "\"q\"", "back\\slash", "key: v", "yes" };
        var after = Set("---\ntags: []\n---\n", "tags", tricky);
        Assert.Equal(tricky, EditableDocument.Parse(Encoding.UTF8.GetBytes(after)).ReadList("tags"));
        var block = Set("---\ntags:\n  - a\n---\n", "tags", ["a", .. tricky]);
        Assert.Equal(["a", .. tricky], EditableDocument.Parse(Encoding.UTF8.GetBytes(block)).ReadList("tags"));
    }

    [Fact]
    public void Crlf_and_bom_are_kept_byte_for_byte()
    {
        var text = "---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - b\r\nelements: [1, 2]\r\n---\r\n本文\r\n";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var edited = FrontMatterEditor.SetLists(bytes, [new("tags", ["b", "c"]), new("elements", ["1", "2", "5"]), new("pillars", ["生活支援"])]);
        var expected = "---\r\ntitle: x\r\ntags:\r\n  - b\r\n  - c\r\nelements: [1, 2, 5]\r\npillars: [生活支援]\r\n---\r\n本文\r\n";
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(expected)).ToArray(), edited);
    }

    [Fact]
    public void Unchanged_lists_return_the_original_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("---\ntags: [ a ,b ]\n---\n");
        Assert.Same(bytes, FrontMatterEditor.SetLists(bytes, [new("tags", ["a", "b"])]));
    }

    [Fact]
    public void Nested_items_and_non_list_values_are_refused()
    {
        Assert.Throws<FrontMatterEditException>(() => Set("---\ntags:\n  - {a: 1}\n---\n", "tags", "b"));
        Assert.Throws<FrontMatterEditException>(() => Set("---\ntags:\n  a: 1\n---\n", "tags", "b"));
        Assert.Throws<FrontMatterEditException>(() => Set("---\ntags: [a]\n", "tags", "b"));
        Assert.Throws<FrontMatterEditException>(() => Set("no front matter\n", "tags", "b"));
        Assert.Throws<FrontMatterEditException>(() => Set("---\ntags: [a]\n---\n", "tags", "x\ny"));
    }

    [Fact]
    public void Replace_items_renames_in_place_in_both_styles()
    {
        Assert.Equal("---\ntags: [a, 新 名, c]\n---\n",
            FrontMatterEditor.ReplaceItems("---\ntags: [a, 'old', c]\n---\n", "tags", v => v == "old", "新 名"));
        Assert.Equal("---\ntags:\n  - a  # 1\n  - z  # 2\n  - c\n---\n",
            FrontMatterEditor.ReplaceItems("---\ntags:\n  - a  # 1\n  - b  # 2\n  - c\n---\n", "tags", v => v == "b", "z"));
        // Renaming onto an existing tag leaves one of them.
        Assert.Equal("---\ntags: [a, c]\n---\n", FrontMatterEditor.ReplaceItems("---\ntags: [a, b, c]\n---\n", "tags", v => v == "b", "a"));
    }

    /// <summary>A corpus of front-matter styles: every edit changes only the edited key's lines.</summary>
    public static TheoryData<string, string> Corpus => new()
    {
        { "flow", "---\nid: a\ntitle: \"題名: 副\"\nelements: [1, 5, 7]\npillars: [交流・居場所]\ntags: [タクシー, 外出支援]\nregion:\n  prefecture: 神奈川県\n---\n## 本文\n" },
        { "block", "---\ntitle: 題名\nelements:\n  - 1\n  - 5\npillars:\n- 生活支援\ntags:\n  - タクシー   # コメント\n  - 'ICT'\n---\n本文\n" },
        { "comments", "# 先頭コメント\n---\n# 前\ntitle: 題名 # 後\n\n# 空行の後\nelements: [1] # 要素\ntags: []\n# 最後のコメント\n---\n\n本文\n" },
        { "crlf", "---\r\ntitle: 題名\r\nelements: [1]\r\ntags:\r\n  - a\r\n---\r\n本文\r\n" },
        { "missing", "---\ntitle: 題名\norganization: x\n---\n" },
        { "dots-end", "---\ntitle: 題名\ntags: [a]\n...\n本文 --- の後\n---\n" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Only_edited_key_lines_change(string name, string text)
    {
        if (name == "comments") text = text[text.IndexOf("---", StringComparison.Ordinal)..]; // front matter must start on line 1
        foreach (var (key, values) in new (string, string[])[] { ("tags", ["新"]), ("elements", ["2", "3"]), ("pillars", []), ("tags", []) })
        {
            foreach (var bom in new[] { false, true })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
                var edited = FrontMatterEditor.SetLists(bytes, [new(key, values)]);
                Assert.Equal(bom, edited.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
                var after = EditableDocument.Parse(edited);
                Assert.Equal(values, after.ReadList(key));
                var beforeLines = Lines(text);
                var afterLines = Lines(after.Text);
                var keep = (IEnumerable<string> lines) => lines.Where(l => !IsKeyLine(l, key)).ToList();
                Assert.Equal(keep(beforeLines), keep(afterLines));
                Assert.Equal(text.Contains("\r\n"), after.Text.Contains("\r\n"));
                Assert.DoesNotContain(afterLines, l => l.EndsWith('\r') != text.Contains("\r\n") && l.Length > 0);
            }
        }
    }

    private static List<string> Lines(string s) => s.Split('\n').ToList();

    private static bool IsKeyLine(string line, string key) =>
        line.StartsWith(key + ":", StringComparison.Ordinal) || line.TrimStart().StartsWith("- ", StringComparison.Ordinal);
}
