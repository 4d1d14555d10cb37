using System.Threading.Channels;
using Parley.Cli;
using Parley.Client.Tests.Peers;

namespace Parley.Client.Tests;

/// <summary>
/// The session loop's password decisions, with a test double of the console and a real peer server on
/// loopback: when to prompt, what is sent, and that the password goes nowhere else.
/// </summary>
public class ChatSessionLoopSecretTests
{
    private sealed record Session(PeerServer Server, ChatConnection Connection, FakeInteraction Ui, Channel<string> Input, Task<int> Loop) : IAsyncDisposable
    {
        public IEnumerable<string> Sent => Server.Requests.Select(r => (r.Request + " " + r.Content).Trim());

        public async Task<int> EndInputAsync()
        {
            Input.Writer.TryComplete();
            return await Loop.WaitAsync(Timeouts.Wait);
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Session> StartAsync(FakeInteraction ui)
    {
        var server = new PeerServer(AccountHabits.PasswordRequired);
        var connection = await ChatConnection.ConnectAsync("127.0.0.1", server.Port, CancellationToken.None);
        var input = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var loop = new ChatSessionLoop(connection, ui).RunAsync(input.Reader, CancellationToken.None);
        return new Session(server, connection, ui, input, loop);
    }

    private static bool IsLoginInfo(ServerEvent e) => e.Kind == ServerEventKind.Info && e.Text == "Login successful";

    [Fact]
    public async Task A_password_required_error_asks_for_the_password_and_logs_in_with_it()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: true, AccountHabits.AlicePassword));

        session.Input.Writer.TryWrite("login alice");
        await session.Ui.WaitForEventAsync(IsLoginInfo);

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal(["Password for alice: "], session.Ui.Prompts);
        Assert.Equal(["login alice", "login alice " + AccountHabits.AlicePassword, "logout"], session.Sent);
        Assert.Equal("alice", session.Connection.State.Username);
        Assert.Equal(AccountHabits.AlicePassword, session.Connection.State.Password);
        Assert.DoesNotContain(session.Ui.Shown, line => line.Contains(AccountHabits.AlicePassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_prompt_sends_nothing()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: true));

        session.Input.Writer.TryWrite("login alice");
        await session.Ui.WaitForEventAsync(e => e.Code == "password_required");

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal(["Password for alice: "], session.Ui.Prompts);
        Assert.Contains(SecretPrompts.CancelledHint, session.Ui.Shown);
        Assert.Equal(["login alice"], session.Sent);
        Assert.False(session.Connection.State.IsLoggedIn);
    }

    [Fact]
    public async Task Without_a_terminal_the_error_is_shown_and_no_password_is_invented()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: false, "never used"));

        session.Input.Writer.TryWrite("login alice");
        var error = await session.Ui.WaitForEventAsync(e => e.Kind == ServerEventKind.Error);
        session.Input.Writer.TryWrite("/register");

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal("password_required", error.Code);
        Assert.Empty(session.Ui.Prompts);
        // Not logged in: /register goes to the server as typed, and no logout is needed.
        Assert.Equal(["login alice", "register"], session.Sent);
    }

    [Fact]
    public async Task A_wrong_password_is_an_error_and_no_second_prompt()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: true, "wrong-guess"));

        session.Input.Writer.TryWrite("login alice");
        await session.Ui.WaitForEventAsync(e => e.Code == "bad_password");

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal(["Password for alice: "], session.Ui.Prompts);
        Assert.Equal(["login alice", "login alice wrong-guess"], session.Sent);
        Assert.Null(session.Connection.State.Password);
    }

    [Fact]
    public async Task Register_and_password_without_arguments_prompt_and_compare_locally()
    {
        await using var session = await StartAsync(new FakeInteraction(
            canReadSecrets: true,
            "first-pass1", "first-pass2",               // register, mistyped: nothing sent
            "first-pass1", "first-pass1",               // register
            "first-pass1", "second-pass", "second-pass")); // password: old, new, new again

        session.Input.Writer.TryWrite("login bob");
        await session.Ui.WaitForEventAsync(IsLoginInfo);
        session.Input.Writer.TryWrite("/register");
        session.Input.Writer.TryWrite("/register");
        await session.Ui.WaitForEventAsync(e => e.Text?.StartsWith("The name bob is now registered", StringComparison.Ordinal) == true);
        session.Input.Writer.TryWrite("/password");
        await session.Ui.WaitForEventAsync(e => e.Text == "Password changed.");

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal(
            ["Password: ", "Repeat password: ", "Password: ", "Repeat password: ", "Old password: ", "New password: ", "Repeat new password: "],
            session.Ui.Prompts);
        Assert.Contains(SecretPrompts.MismatchHint, session.Ui.Shown);
        Assert.Equal(["login bob", "register first-pass1", "password first-pass1 second-pass", "logout"], session.Sent);
        Assert.Equal("second-pass", session.Connection.State.Password);
        Assert.DoesNotContain(session.Ui.Shown, line => line.Contains("pass1", StringComparison.Ordinal) || line.Contains("second-pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_with_its_argument_typed_is_sent_as_typed()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: true));

        session.Input.Writer.TryWrite("login bob");
        await session.Ui.WaitForEventAsync(IsLoginInfo);
        session.Input.Writer.TryWrite("/register typed-here");
        await session.Ui.WaitForEventAsync(e => e.Text?.Contains("registered", StringComparison.Ordinal) == true);

        Assert.Equal(0, await session.EndInputAsync());
        Assert.Empty(session.Ui.Prompts);
        Assert.Equal(["login bob", "register typed-here", "logout"], session.Sent);
    }

    [Fact]
    public async Task Ids_toggles_locally_and_sends_nothing()
    {
        await using var session = await StartAsync(new FakeInteraction(canReadSecrets: false));

        session.Input.Writer.TryWrite("/ids");
        session.Input.Writer.TryWrite("/help");
        await session.Ui.WaitForEventAsync(e => e.Code == "unknown_request");

        Assert.True(session.Ui.ShowIds);
        Assert.Contains("Message ids are shown.", session.Ui.Shown);
        Assert.Equal(0, await session.EndInputAsync());
        Assert.Equal(["help"], session.Sent);
    }
}
