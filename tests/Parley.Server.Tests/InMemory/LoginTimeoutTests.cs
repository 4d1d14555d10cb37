using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class LoginTimeoutTests
{
    [Fact]
    public async Task A_connection_that_does_not_log_in_in_time_is_told_and_closed_while_a_logged_in_one_stays()
    {
        // Long enough for the logged-in client to log in on a busy machine, short enough for a test.
        await using var server = new InMemoryServer(("LoginTimeoutSeconds", "0.5"));
        var alice = await server.LoginAsync("alice");
        var idle = server.Connect();

        // Asking for help is not logging in.
        Assert.NotEmpty(Payloads.Info(await idle.RequestAsync("help")));
        var last = Assert.Single(await idle.ReadUntilClosedAsync());
        Assert.Contains("No login within 0.5 s", Payloads.Error(last, ErrorCodes.LoginTimeout));
        await idle.Completion.WaitAsync(TestTimeouts.Payload);
        Assert.Equal(1, server.Chat.Counters.LoginTimeouts);

        Payloads.Message(await alice.RequestAsync("msg", "still here"), "alice", "still here");
    }
}
