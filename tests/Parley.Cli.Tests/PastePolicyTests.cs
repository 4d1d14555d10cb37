using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class PastePolicyTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(12, true)]
    public void Asks_before_sending_more_than_five_messages(int lines, bool asks)
        => Assert.Equal(asks, PastePolicy.NeedsConfirmation(Enumerable.Range(1, lines).Select(i => "line " + i)));

    [Fact]
    public void Blank_lines_send_nothing_and_do_not_count()
    {
        string[] paste = ["a", "", "b", "  ", "c", "", "d", "e", ""];
        Assert.False(PastePolicy.NeedsConfirmation(paste));
        Assert.Equal("Send 5 lines? [y/N] ", PastePolicy.Question(paste));
    }
}
