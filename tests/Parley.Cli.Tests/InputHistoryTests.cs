using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class InputHistoryTests
{
    [Fact]
    public void Up_goes_back_and_down_returns_to_the_half_typed_line()
    {
        var history = new InputHistory();
        history.Add("first");
        history.Add("second");

        Assert.Equal("second", history.Previous("half"));
        Assert.Equal("first", history.Previous("second"));
        Assert.Null(history.Previous("first"));
        Assert.Equal("second", history.Next());
        Assert.Equal("half", history.Next());
        Assert.Null(history.Next());
    }

    [Fact]
    public void Blank_lines_and_repeats_are_not_kept()
    {
        var history = new InputHistory();
        history.Add("same");
        history.Add("same");
        history.Add("  ");

        Assert.Equal(1, history.Count);
    }

    [Fact]
    public void Keeps_at_least_a_hundred_entries_and_drops_the_oldest_past_its_capacity()
    {
        var history = new InputHistory();
        for (var i = 0; i < 600; i++)
        {
            history.Add("line " + i);
        }

        Assert.Equal(InputHistory.DefaultCapacity, history.Count);
        Assert.True(history.Count >= 100);
        string? oldest = null;
        while (history.Previous(string.Empty) is { } entry)
        {
            oldest = entry;
        }

        Assert.Equal("line 100", oldest);
    }

    [Fact]
    public void Sending_stops_browsing()
    {
        var history = new InputHistory();
        history.Add("a");
        history.Previous("draft");
        history.Add("b");

        Assert.False(history.IsBrowsing);
        Assert.Equal("b", history.Previous(string.Empty));
    }
}
