using Parley.Cli.Tui;

namespace Parley.Cli.Tests;

public class SenderColorsTests
{
    // The 256-colour reds (and the 16-colour ones as they appear in the 256 table): red means an error.
    private static readonly int[] s_reds = [1, 9, 52, 88, 124, 160, 196, 197, 198, 161, 125, 203];

    [Fact]
    public void A_name_always_gets_the_same_colour_in_any_letter_case()
    {
        Assert.Equal(SenderColors.For("alice"), SenderColors.For("alice"));
        Assert.Equal(SenderColors.For("alice"), SenderColors.For("ALICE"));
    }

    [Fact]
    public void The_colour_is_fixed_across_runs_and_machines()
        // FNV-1a, not string.GetHashCode (randomised per process): this value must never change.
        => Assert.Equal(75, SenderColors.For("alice"));

    [Fact]
    public void Different_names_get_different_colours()
    {
        string[] names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
        Assert.True(names.Select(SenderColors.For).Distinct().Count() >= 5);
    }

    [Fact]
    public void The_palette_has_twelve_colours_and_no_red()
    {
        Assert.Equal(12, SenderColors.Palette.Distinct().Count());
        Assert.Empty(SenderColors.Palette.Intersect(s_reds));
        for (var i = 0; i < 500; i++)
        {
            Assert.DoesNotContain(SenderColors.For("user" + i), s_reds);
        }
    }
}
