using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class RoomNamesTests
{
    [Fact]
    public void Reads_the_names_answer()
    {
        var names = new RoomNames();

        Assert.True(names.TryTakeListing(null, "Users in #lobby (2): alice, bob"));
        Assert.Equal(["alice", "bob"], names.All);
    }

    [Theory]
    [InlineData("Users online: alice bob")]
    [InlineData("Users in #lobby (2):alice,bob")]
    [InlineData("users: alice,  bob ")]
    public void Reads_other_spellings_tolerantly(string text)
    {
        var names = new RoomNames();

        Assert.True(names.TryTakeListing(null, text));
        Assert.Equal(["alice", "bob"], names.All);
    }

    [Fact]
    public void Reads_a_list() => Assert.True(new RoomNames().TryTakeListing(["alice", " bob "], null));

    [Fact]
    public void Other_infos_are_not_a_listing()
    {
        var names = new RoomNames();

        Assert.False(names.TryTakeListing(null, "Login successful"));
        Assert.False(names.TryTakeListing(null, "bob joined #lobby"));
        Assert.Empty(names.All);
    }

    [Fact]
    public void Recent_senders_come_first_newest_first_without_duplicates()
    {
        var names = new RoomNames();
        names.TryTakeListing(null, "Users in #lobby (3): alice, bob, carol");
        names.OnSender("carol");
        names.OnSender("dave");

        Assert.Equal(["dave", "carol", "alice", "bob"], names.All);
    }
}
