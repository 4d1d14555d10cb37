using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class ScreenRendererTests
{
    private static ScreenFrame Tiny(string input = "ab", int cursor = 1) => new(
        Width: 10,
        Height: 4,
        Conversation: [StyledLine.Empty, StyledLine.Of(new Span("bob", "38;5;33"), new Span(": hi"))],
        Status: StyledLine.Plain(" s"),
        Prompt: "> ",
        Input: input,
        InputCursor: cursor);

    [Fact]
    public void Draws_every_row_in_place_and_leaves_the_cursor_in_the_input_line()
    {
        var expected = "\e[?25l"
            + "\e[1;1H\e[K"
            + "\e[2;1H\e[38;5;33mbob\e[0m: hi\e[K"
            + "\e[3;1H\e[7m s\e[0m\e[7m        \e[0m"
            + "\e[4;1H> ab\e[K"
            + "\e[4;4H\e[?25h";

        Assert.Equal(expected, ScreenRenderer.Render(Tiny(), color: true));
    }

    [Fact]
    public void Without_colour_the_layout_is_the_same_and_there_is_no_SGR()
    {
        var expected = "\e[?25l\e[1;1H\e[K\e[2;1Hbob: hi\e[K\e[3;1H s        \e[4;1H> ab\e[K\e[4;4H\e[?25h";

        Assert.Equal(expected, ScreenRenderer.Render(Tiny(), color: false));
    }

    [Fact]
    public void The_cursor_counts_columns_not_chars()
    {
        var output = ScreenRenderer.Render(Tiny("日本", 1), color: false);

        // "> " then one wide character: the cursor sits in column 5 (1-based).
        Assert.EndsWith("\e[4;1H> 日本\e[K\e[4;5H\e[?25h", output);
    }

    [Fact]
    public void A_long_input_scrolls_so_the_cursor_stays_visible()
    {
        var output = ScreenRenderer.Render(Tiny("abcdefghijkl", 12), color: false);

        // 10 columns: "> " and 7 characters, the last column kept for the cursor.
        Assert.EndsWith("\e[4;1H> fghijkl\e[K\e[4;10H\e[?25h", output);
    }

    [Fact]
    public void A_terminal_too_small_for_the_layout_still_gets_its_input_line()
    {
        var output = ScreenRenderer.Render(Tiny() with { Height = 2 }, color: false);

        Assert.Equal("\e[?25l\e[2;1H> ab\e[K\e[2;4H\e[?25h", output);
    }
}
