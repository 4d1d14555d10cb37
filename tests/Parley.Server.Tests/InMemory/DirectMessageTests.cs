using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

/// <summary><c>dm &lt;user&gt; &lt;text&gt;</c>: to one user, echoed to the sender, stored first, in no room's history.</summary>
public class DirectMessageTests
{
    [Fact]
    public async Task A_dm_reaches_the_recipient_and_is_echoed_to_the_sender_only()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        var carol = await server.LoginAsync("carol");

        var echo = await alice.RequestAsync("dm", "bob psst, a secret");
        var received = await bob.ReadPayloadAsync();

        foreach (var payload in new[] { echo, received })
        {
            Payloads.Message(payload, "alice", "psst, a secret");
            Assert.Equal("bob", RoomSteps.To(payload));
            Assert.Null(RoomSteps.Room(payload));
        }

        Assert.Equal(Payloads.Id(echo), Payloads.Id(received));
        await carol.AssertNothingPendingAsync();
        await bob.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task A_dm_crosses_rooms()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        await bob.JoinAsync("dev");
        await alice.ReadPayloadAsync(); // bob left #lobby

        Payloads.Message(await alice.RequestAsync("dm", "bob come back"), "alice", "come back");

        var received = await bob.ReadPayloadAsync();
        Payloads.Message(received, "alice", "come back");
        Assert.Equal("bob", RoomSteps.To(received));
    }

    [Fact]
    public async Task The_recipient_is_found_in_any_letter_case_and_named_as_they_logged_in()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("Bob");

        var echo = await alice.RequestAsync("dm", "BOB hi");

        Assert.Equal("Bob", RoomSteps.To(echo));
        Assert.Equal("Bob", RoomSteps.To(await bob.ReadPayloadAsync()));
    }

    [Fact]
    public async Task A_dm_to_yourself_arrives_once()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        var echo = await alice.RequestAsync("dm", "alice note to self");

        Payloads.Message(echo, "alice", "note to self");
        Assert.Equal("alice", RoomSteps.To(echo));
        await alice.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task The_text_is_kept_as_typed_after_the_one_separator()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await server.LoginAsync("bob");

        Payloads.Message(await alice.RequestAsync("dm", "  bob  two spaces kept "), "alice", " two spaces kept ");
        Payloads.Message(await alice.RequestAsync("dm", "bob\tafter a tab"), "alice", "after a tab");
    }

    [Theory]
    [InlineData("ghost hello")]
    [InlineData("bobby hello")]
    public async Task A_dm_to_someone_not_logged_in_is_refused(string content)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await server.LoginAsync("bob");

        var text = Payloads.Error(await alice.RequestAsync("dm", content), ErrorCodes.NotFound);

        Assert.Contains(content.Split(' ')[0], text);
        Assert.Empty(await server.Store.GetRecentAsync("lobby", 10, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_dm_to_someone_who_logged_out_is_refused()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("logout");
        await bob.ReadUntilClosedAsync();

        Payloads.Error(await alice.RequestAsync("dm", "bob are you there"), ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("bob ")]
    [InlineData("bob    ")]
    [InlineData("bob \t ")]
    public async Task A_dm_with_empty_text_is_refused(string content)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        Assert.Contains("Usage: dm <user> <text>", Payloads.Error(await alice.RequestAsync("dm", content), ErrorCodes.EmptyMessage));
        await bob.AssertNothingPendingAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("bob")]
    [InlineData("b@b hello")]
    public async Task A_dm_without_a_user_and_text_is_refused_with_the_usage(string? content)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await server.LoginAsync("bob");

        Assert.Contains("Usage: dm <user> <text>", Payloads.Error(await alice.RequestAsync("dm", content), ErrorCodes.InvalidArgument));
    }

    [Fact]
    public async Task A_dm_over_the_message_limit_is_refused()
    {
        await using var server = new InMemoryServer(("MaxMessageLength", "10"));
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        Payloads.Message(await alice.RequestAsync("dm", "bob 0123456789"), "alice", "0123456789");
        await bob.ReadPayloadAsync();
        Assert.Contains("10", Payloads.Error(await alice.RequestAsync("dm", "bob 0123456789x"), ErrorCodes.MessageTooLong));
        await bob.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task A_dm_is_stored_before_delivery_and_is_in_no_rooms_history()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        var roomMessage = await alice.RequestAsync("msg", "for everyone");
        await bob.ReadPayloadAsync();

        var dm = await alice.RequestAsync("dm", "bob for you");

        var stored = await server.Store.FindMessageAsync(Payloads.Id(dm), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Null(stored.Room);
        Assert.Equal("bob", stored.To);
        Assert.Equal("for you", stored.Text);
        Assert.True(Payloads.Id(dm) > Payloads.Id(roomMessage));
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", "for you");
        var page = Payloads.HistoryItems(await bob.RequestAsync("history"));
        Assert.Equal([Payloads.Id(roomMessage)], page.Select(Payloads.Id));
        var carolHistory = Payloads.HistoryItems(await server.Connect().LoginAsync("carol"));
        Assert.Equal([Payloads.Id(roomMessage)], carolHistory.Select(Payloads.Id));
    }
}
