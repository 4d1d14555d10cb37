using Parley.Protocol;

namespace Parley.Client.Tests;

public class CommandParserTests
{
    [Theory]
    [InlineData("login alice", "login", "alice")]
    [InlineData("/login alice", "login", "alice")]
    [InlineData("logout", "logout", null)]
    [InlineData("/logout", "logout", null)]
    [InlineData("msg hello there", "msg", "hello there")]
    [InlineData("/msg hello there", "msg", "hello there")]
    [InlineData("names", "names", null)]
    [InlineData("/names", "names", null)]
    [InlineData("help", "help", null)]
    [InlineData("/help", "help", null)]
    [InlineData("  NAMES  ", "names", null)]
    [InlineData("/Help", "help", null)]
    [InlineData("/history 20", "history", "20")]
    [InlineData("/join   lobby  ", "join", "lobby")]
    [InlineData("/whois", "whois", null)]
    public void Commands_become_requests(string line, string request, string? content)
    {
        var command = CommandParser.Parse(line, loggedIn: true);

        Assert.Equal(CommandAction.Send, command.Action);
        Assert.Equal(new ChatRequest(request, content), command.Request);
    }

    [Theory]
    [InlineData("hello everyone")]
    [InlineData("names are hard")]
    [InlineData("help me please")]
    [InlineData("logout now?")]
    public void Plain_text_is_a_message_once_logged_in(string line)
    {
        var command = CommandParser.Parse(line, loggedIn: true);

        Assert.Equal(new ChatRequest("msg", line), command.Request);
    }

    [Fact]
    public void Plain_text_before_login_is_a_local_hint()
    {
        var command = CommandParser.Parse("hello", loggedIn: false);

        Assert.Equal(CommandAction.Hint, command.Action);
        Assert.Null(command.Request);
        Assert.Equal(CommandParser.NotLoggedInHint, command.Hint);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("login bob")]
    [InlineData("/names")]
    public void Commands_are_sent_before_login_too(string line)
    {
        Assert.Equal(CommandAction.Send, CommandParser.Parse(line, loggedIn: false).Action);
    }

    [Fact]
    public void A_double_slash_sends_a_message_starting_with_a_slash()
    {
        Assert.Equal(new ChatRequest("msg", "/shrug"), CommandParser.Parse("//shrug", loggedIn: true).Request);
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    [InlineData("/QUIT now")]
    public void Quit_is_local(string line)
    {
        Assert.Equal(CommandAction.Quit, CommandParser.Parse(line, loggedIn: true).Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_lines_do_nothing(string? line)
    {
        Assert.Equal(CommandAction.None, CommandParser.Parse(line, loggedIn: true).Action);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/msg")]
    [InlineData("/msg   ")]
    [InlineData("/")]
    public void Missing_arguments_give_a_hint_instead_of_a_request(string line)
    {
        Assert.Equal(CommandAction.Hint, CommandParser.Parse(line, loggedIn: true).Action);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("msg")]
    public void Bare_commands_that_need_an_argument_give_usage_alone(string line)
    {
        Assert.Equal(CommandAction.Hint, CommandParser.Parse(line, loggedIn: false).Action);
    }

    [Theory]
    [InlineData("/ids")]
    [InlineData("/IDS")]
    [InlineData("/ids please")]
    public void Ids_is_the_clients_own_toggle(string line)
    {
        var command = CommandParser.Parse(line, loggedIn: false);

        Assert.Equal(CommandAction.ToggleIds, command.Action);
        Assert.Null(command.Request);
    }

    [Theory]
    [InlineData("ids", true)]
    [InlineData("//ids", true)]
    public void Ids_without_a_slash_is_a_message(string line, bool loggedIn)
    {
        Assert.Equal(CommandAction.Send, CommandParser.Parse(line, loggedIn).Action);
    }

    [Theory]
    [InlineData("/register", "register", null)]
    [InlineData("/password", "password", null)]
    [InlineData("/dm bob hi there", "dm", "bob hi there")]
    [InlineData("/delete 42", "delete", "42")]
    [InlineData("login alice s3cret", "login", "alice s3cret")]
    public void Extension_requests_are_sent_as_typed(string line, string request, string? content)
    {
        Assert.Equal(new ChatRequest(request, content), CommandParser.Parse(line, loggedIn: true).Request);
    }

    [Fact]
    public void The_slash_hint_names_the_clients_own_commands()
    {
        var hint = CommandParser.Parse("/", loggedIn: true).Hint;

        Assert.Contains("/ids", hint, StringComparison.Ordinal);
        Assert.Contains("/quit", hint, StringComparison.Ordinal);
    }
}
