using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class BeforeLoginTests
{
    [Theory]
    [InlineData("names", null)]
    [InlineData("msg", "hello")]
    [InlineData("logout", null)]
    [InlineData("history", null)]
    public async Task Requests_other_than_login_and_help_are_refused_before_login(string request, string? content)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        var reply = await client.RequestAsync(request, content);

        Assert.Contains("log in", Payloads.Error(reply, ErrorCodes.NotLoggedIn));

        // Still usable: the refusal does not close the connection.
        await client.LoginAsync("alice");
    }

    [Fact]
    public async Task Help_works_before_login_and_names_every_request()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        var text = Payloads.Info(await client.RequestAsync("help"));

        foreach (var request in new[] { "login", "logout", "msg", "names", "help", "history" })
        {
            Assert.Contains(request, text);
        }
    }

    [Fact]
    public async Task A_refused_msg_before_login_is_not_delivered_to_anyone()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var stranger = server.Connect();

        Payloads.Error(await stranger.RequestAsync("msg", "sneaky"), ErrorCodes.NotLoggedIn);
        Payloads.Message(await alice.RequestAsync("msg", "first"), "alice", "first");
    }
}
