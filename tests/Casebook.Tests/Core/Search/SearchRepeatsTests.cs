using Casebook.Core.Search;

namespace Casebook.Tests.Core.Search;

public class SearchRepeatsTests
{
    private static string H(string s) => SearchRepeats.Hide(s);

    [Fact]
    public void Each_word_is_indexed_once_per_weight_and_later_ones_are_hidden_with_pairs_in_a_row_written_once()
    {
        var parts = SearchRepeats.Cap([
            new(SearchPart.Title, "見守 守り ・ 見守 守り"),
            new(SearchPart.Lead, "見守 守り"),
            new(SearchPart.Body, "地区 区社 社協 の 地区 区社 社協 で 見守 守り"),
            new(SearchPart.Body, "ICT と ict ・ 地区 区社 社協."),
        ]);
        // The title's second 見守り is hidden; the lead and the body each index their first.
        Assert.Equal("見守 守り ・ " + H("見守り"), parts[0].Text);
        Assert.Equal("見守 守り", parts[1].Text);
        // 地区 区社 社協 again: one hidden word of the characters the pairs cover; a one-character run is a word too.
        Assert.Equal("地区 区社 社協 の " + H("地区社協") + " で 見守 守り", parts[2].Text);
        // Counted over every body part; Pagefind lowercases, so ict is ICT again; the part's full stop stays.
        Assert.Equal("ICT と " + H("ict") + " ・ " + H("地区社協") + ".", parts[3].Text);
    }

    [Fact]
    public void A_repeated_variant_key_is_left_out_and_punctuation_is_never_counted()
    {
        var parts = SearchRepeats.Cap([new(SearchPart.Body, "買物 cbv0000 、 買物 cbv0000 、 人々 cbi04eba cbi04eba.")]);
        Assert.Equal("買物 cbv0000 、 " + H("買物") + " 、 人々 cbi04eba .", parts[0].Text);
    }

    [Fact]
    public void Hidden_text_is_in_the_private_use_plane_which_is_no_letter_digit_or_punctuation()
    {
        var hidden = H("支援𠮷a");
        Assert.All(hidden.EnumerateRunes(), r =>
        {
            Assert.InRange(r.Value, SearchRepeats.Plane, 0xFFFFF);
            Assert.False(System.Text.Rune.IsLetterOrDigit(r));
        });
        Assert.Equal("支援𠮷a", new string(hidden.EnumerateRunes().Select(r => (char)(r.Value - SearchRepeats.Plane)).ToArray()));
    }
}
