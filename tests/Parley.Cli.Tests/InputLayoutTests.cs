using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class InputLayoutTests
{
    [Fact]
    public void Short_text_is_shown_whole() => Assert.Equal(("> ", "hello", 4), InputLayout.Fit("> ", "hello", 2, 80));

    [Fact]
    public void Wide_characters_and_emoji_move_the_cursor_two_columns()
        => Assert.Equal(("> ", "æ日😀", 7), InputLayout.Fit("> ", "æ日😀", "æ日😀".Length, 80));

    [Fact]
    public void A_cursor_at_the_start_of_a_long_line_shows_its_beginning()
        => Assert.Equal(("> ", "abcdefg", 2), InputLayout.Fit("> ", "abcdefghijkl", 0, 10));

    [Fact]
    public void A_wide_character_is_never_cut_at_the_edge()
    {
        var (_, text, column) = InputLayout.Fit("> ", "日本語日本語", 0, 10);

        Assert.Equal("日本語", text);
        Assert.Equal(2, column);
    }
}
