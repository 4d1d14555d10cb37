namespace Parley.Client.Tests;

public class SecretMaskTests
{
    [Theory]
    [InlineData("login alice s3cret", "login alice ******")]
    [InlineData("/LOGIN alice s3cret", "/LOGIN alice ******")]
    [InlineData("  login  alice  se cret ", "  login  alice  ** **** ")]
    [InlineData("login alice", "login alice")]
    [InlineData("login", "login")]
    [InlineData("/register hunter22", "/register ********")]
    [InlineData("/password old new1", "/password *** ****")]
    [InlineData("/register", "/register")]
    public void Passwords_are_drawn_as_stars_and_the_length_is_kept(string typed, string shown)
    {
        Assert.Equal(shown, SecretMask.Mask(typed));
    }

    [Theory]
    [InlineData("hello login alice secret")]
    [InlineData("register my secret")]
    [InlineData("//login alice secret")]
    [InlineData("/join dev")]
    [InlineData("")]
    public void Other_lines_are_shown_as_typed(string typed)
    {
        Assert.Equal(typed, SecretMask.Mask(typed));
    }
}
