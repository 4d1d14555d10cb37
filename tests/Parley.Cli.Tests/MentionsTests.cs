using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class MentionsTests
{
    [Theory]
    [InlineData("hi alice", true)]
    [InlineData("Alice: look", true)]
    [InlineData("ping ALICE!", true)]
    [InlineData("(alice)", true)]
    [InlineData("alice", true)]
    [InlineData("malice aforethought", false)]
    [InlineData("alicebot is here", false)]
    [InlineData("alice_bot is here", false)]
    [InlineData("nobody", false)]
    [InlineData("malice and alice", true)]
    public void Finds_the_name_as_a_whole_word_in_any_case(string text, bool expected)
        => Assert.Equal(expected, Mentions.Contains(text, "alice"));

    [Fact]
    public void No_name_no_mention() => Assert.False(Mentions.Contains("alice", null));
}
