namespace Parley.Protocol.Tests;

public class UsernamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("A1")]
    [InlineData("Z")]
    [InlineData("0")]
    [InlineData("alice")]
    [InlineData("Bob1984")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ6789AB")]
    public void Ascii_letters_and_digits_up_to_32_characters_are_valid(string name)
    {
        Assert.True(Usernames.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("bob\n")]
    [InlineData("bob\r\n")]
    [InlineData("bob ")]
    [InlineData(" bob")]
    [InlineData("b b")]
    [InlineData("bo-b")]
    [InlineData("bob_1")]
    [InlineData("bob.")]
    [InlineData("bøb")]
    [InlineData("bob\u0000")]
    [InlineData("\uff42ob")] // fullwidth b: a letter, but not ASCII
    [InlineData("bob\u0663")] // Arabic-Indic three: a digit, but not ASCII
    [InlineData("😀")]
    public void Anything_else_is_invalid(string? name)
    {
        Assert.False(Usernames.IsValid(name));
    }

    [Fact]
    public void The_limit_is_32_characters()
    {
        Assert.Equal(32, Usernames.MaxLength);
        Assert.True(Usernames.IsValid(new string('a', 32)));
        Assert.False(Usernames.IsValid(new string('a', 33)));
    }

    [Theory]
    [InlineData("server")]
    [InlineData("Server")]
    [InlineData("SERVER")]
    [InlineData("sErVeR")]
    public void Server_is_reserved_in_any_case(string name)
    {
        Assert.True(Usernames.IsReserved(name));
    }

    [Theory]
    [InlineData("servers")]
    [InlineData("serve")]
    [InlineData("alice")]
    [InlineData("")]
    public void Other_names_are_not_reserved(string name)
    {
        Assert.False(Usernames.IsReserved(name));
    }

    [Fact]
    public void Names_compare_without_regard_to_case()
    {
        Assert.True(Usernames.Comparer.Equals("Alice", "aLICE"));
        Assert.Equal(Usernames.Comparer.GetHashCode("Alice"), Usernames.Comparer.GetHashCode("ALICE"));
        Assert.False(Usernames.Comparer.Equals("alice", "alice1"));
    }
}
