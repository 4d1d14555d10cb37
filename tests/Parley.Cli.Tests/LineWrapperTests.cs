using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class LineWrapperTests
{
    private static string[] Rows(string text, int width) => [.. LineWrapper.Wrap(StyledLine.Plain(text), width).Select(r => r.Text)];

    [Fact]
    public void A_short_line_is_one_row() => Assert.Equal(["hello"], Rows("hello", 10));

    [Fact]
    public void An_empty_line_is_one_empty_row() => Assert.Equal([""], Rows("", 10));

    [Fact]
    public void Breaks_after_the_last_space_that_fits() => Assert.Equal(["hello ", "world"], Rows("hello world", 8));

    [Fact]
    public void A_word_longer_than_the_row_is_cut_between_characters() => Assert.Equal(["abcd", "efgh", "ij"], Rows("abcdefghij", 4));

    [Fact]
    public void Wide_characters_count_two_and_are_never_split()
        => Assert.Equal(["日本", "語x"], Rows("日本語x", 5));

    [Fact]
    public void An_emoji_and_a_combining_accent_stay_whole()
    {
        var rows = Rows("ab😀e\u0301", 3);
        Assert.Equal(["ab", "😀e\u0301"], rows);
        Assert.All(rows, r => Assert.True(DisplayWidth.Of(r) <= 3));
    }

    [Fact]
    public void An_element_wider_than_the_row_gets_a_row_of_its_own() => Assert.Equal(["日", "本"], Rows("日本", 1));

    [Fact]
    public void Styles_are_kept_across_the_break()
    {
        var line = StyledLine.Of(new Span("[12] ", Sgr.Dim), new Span("bob", "38;5;33"), new Span(": hi there"));
        var rows = LineWrapper.Wrap(line, 10);

        Assert.Equal([new Span("[12] ", Sgr.Dim), new Span("bob", "38;5;33"), new Span(": ")], rows[0].Spans);
        Assert.Equal([new Span("hi there")], rows[1].Spans);
    }
}
