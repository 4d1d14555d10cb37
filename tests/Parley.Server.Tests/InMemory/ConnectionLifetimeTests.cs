using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class ConnectionLifetimeTests
{
    [Fact]
    public async Task Logout_says_goodbye_then_closes_the_connection()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        await alice.SendAsync("logout");

        Assert.Contains("alice", Payloads.Info(await alice.ReadPayloadAsync()));
        Assert.Empty(await alice.ReadUntilClosedAsync());
        await alice.Completion.WaitAsync(TestTimeouts.Payload);
    }

    [Fact]
    public async Task Logout_frees_the_name_and_leaves_names()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        await alice.SendAsync("logout");
        await alice.ReadUntilClosedAsync();

        Assert.EndsWith("(1): bob", Payloads.Info(await bob.RequestAsync("names")));
        await server.LoginAsync("ALICE");
    }

    [Fact]
    public async Task A_client_that_disconnects_without_logout_frees_its_name_and_leaves_names()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        await alice.DisconnectAsync();

        Assert.EndsWith("(1): bob", Payloads.Info(await bob.RequestAsync("names")));
        await server.LoginAsync("alice");
        Assert.Equal(2, server.Chat.LoggedInCount);
    }

    [Fact]
    public async Task Others_keep_chatting_after_someone_disconnects_without_logout()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        var carol = await server.LoginAsync("carol");

        await alice.DisconnectAsync();

        Payloads.Message(await bob.RequestAsync("msg", "still here"), "bob", "still here");
        Payloads.Message(await carol.ReadPayloadAsync(), "bob", "still here");
    }
}
