using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class ScrollbackTests
{
    private static string[] Texts(IReadOnlyList<StyledLine> rows) => [.. rows.Select(r => r.Text)];

    private static Scrollback With(int count, int capacity = Scrollback.DefaultCapacity)
    {
        var scrollback = new Scrollback(capacity);
        for (var i = 1; i <= count; i++)
        {
            scrollback.Add(StyledLine.Plain("line " + i));
        }

        return scrollback;
    }

    [Fact]
    public void Keeps_five_thousand_lines_by_default_and_drops_the_oldest()
    {
        var scrollback = With(5003);

        Assert.Equal(5000, scrollback.Count);
        Assert.Equal("line 4", scrollback[0].Text);
        Assert.Equal("line 5003", scrollback[4999].Text);
    }

    [Fact]
    public void The_view_shows_the_newest_rows_padded_at_the_top()
    {
        Assert.Equal(["", "line 1", "line 2"], Texts(With(2).View(20, 3)));
        Assert.Equal(["line 3", "line 4", "line 5"], Texts(With(5).View(20, 3)));
    }

    [Fact]
    public void Wrapped_lines_take_several_rows() => Assert.Equal(["line ", "2"], Texts(With(2).View(5, 2)));

    [Fact]
    public void Scrolling_back_and_forth_moves_the_view_and_stops_at_the_oldest_line()
    {
        var scrollback = With(10);

        scrollback.ScrollUp(2);
        Assert.Equal(["line 6", "line 7", "line 8"], Texts(scrollback.View(20, 3)));
        scrollback.ScrollUp(100);
        Assert.Equal(["line 1", "line 2", "line 3"], Texts(scrollback.View(20, 3)));
        Assert.Equal(7, scrollback.Offset);
        scrollback.ScrollDown(100);
        Assert.Equal(["line 8", "line 9", "line 10"], Texts(scrollback.View(20, 3)));
    }

    [Fact]
    public void A_new_line_does_not_move_a_view_scrolled_back_and_says_there_is_more()
    {
        var scrollback = With(10);
        scrollback.ScrollUp(3);
        var before = Texts(scrollback.View(20, 3));

        scrollback.Add(StyledLine.Plain("line 11"));

        Assert.Equal(before, Texts(scrollback.View(20, 3)));
        Assert.True(scrollback.HasUnseen);
        scrollback.ScrollToBottom();
        Assert.False(scrollback.HasUnseen);
        Assert.Equal("line 11", scrollback.View(20, 3)[^1].Text);
    }

    [Fact]
    public void At_the_bottom_new_lines_follow() => Assert.Equal("line 4", With(4).View(20, 3)[^1].Text);
}
