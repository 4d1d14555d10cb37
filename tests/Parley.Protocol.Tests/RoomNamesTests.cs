namespace Parley.Protocol.Tests;

public class RoomNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("dev")]
    [InlineData("DEV")]
    [InlineData("0")]
    [InlineData("-")]
    [InlineData("_")]
    [InlineData("team-1_general")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-_0123")]
    public void Ascii_letters_digits_dashes_and_underscores_up_to_32_characters_are_valid(string name)
    {
        Assert.True(RoomNames.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-_01234")]
    [InlineData("dev\n")]
    [InlineData("dev ")]
    [InlineData(" dev")]
    [InlineData("my room")]
    [InlineData("#dev")]
    [InlineData("dev.ops")]
    [InlineData("d\u00e6v")]
    [InlineData("dev\u0000")]
    [InlineData("\uff44ev")] // fullwidth d: a letter, but not ASCII
    [InlineData("dev\u2010")] // a Unicode hyphen, not '-'
    [InlineData("😀")]
    public void Anything_else_is_invalid(string? name)
    {
        Assert.False(RoomNames.IsValid(name));
    }

    [Fact]
    public void The_limit_is_32_characters()
    {
        Assert.Equal(32, RoomNames.MaxLength);
        Assert.True(RoomNames.IsValid(new string('r', 32)));
        Assert.False(RoomNames.IsValid(new string('r', 33)));
    }

    [Fact]
    public void Names_compare_without_regard_to_case()
    {
        Assert.True(RoomNames.Comparer.Equals("Dev-Ops", "dev-OPS"));
        Assert.Equal(RoomNames.Comparer.GetHashCode("Dev"), RoomNames.Comparer.GetHashCode("DEV"));
        Assert.False(RoomNames.Comparer.Equals("dev", "dev_"));
    }
}
