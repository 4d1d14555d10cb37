using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class DisplayWidthTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("æøå", 3)]
    [InlineData("日本語", 6)]
    [InlineData("😀", 2)]
    [InlineData("a😀b", 4)]
    [InlineData("e\u0301", 1)]
    [InlineData("\u0301", 0)]
    [InlineData("한국", 4)]
    [InlineData("ＡＢ", 4)]
    [InlineData("❤\uFE0F", 2)]
    [InlineData("🇳🇴", 2)]
    public void Counts_columns(string text, int columns) => Assert.Equal(columns, DisplayWidth.Of(text));

    [Fact]
    public void A_letter_with_its_combining_accent_is_one_element()
        => Assert.Equal(["a", "e\u0301", "b"], DisplayWidth.Elements("ae\u0301b"));

    [Fact]
    public void An_emoji_outside_the_basic_plane_is_one_element()
        => Assert.Equal(["x", "😀", "y"], DisplayWidth.Elements("x😀y"));

    [Theory]
    [InlineData("日本語", 5, "日本")]
    [InlineData("日本語", 1, "")]
    [InlineData("a😀b", 2, "a")]
    [InlineData("abc", 10, "abc")]
    public void Truncates_to_whole_elements(string text, int columns, string expected)
        => Assert.Equal(expected, DisplayWidth.Truncate(text, columns));
}
