using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>Rooms over real sockets, with the server as the executable starts it.</summary>
[Collection("EndToEnd")]
public class RoomChatTests
{
    [Fact]
    public async Task Two_users_in_a_room_chat_while_a_third_in_the_lobby_sees_nothing_of_it()
    {
        await using var server = await SocketServer.StartAsync();
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        await using var carol = await server.LoginAsync("carol");

        await alice.JoinAsync("dev");
        await bob.ReadPayloadAsync(); // alice left #lobby
        await bob.JoinAsync("dev");
        Assert.Equal("bob joined #dev", Payloads.Info(await alice.ReadPayloadAsync()));
        Assert.Equal("alice left #lobby", Payloads.Info(await carol.ReadPayloadAsync()));
        Assert.Equal("bob left #lobby", Payloads.Info(await carol.ReadPayloadAsync()));

        for (var i = 0; i < 5; i++)
        {
            var (speaker, listener) = i % 2 == 0 ? (alice, bob) : (bob, alice);
            var echo = await speaker.RequestAsync("msg", $"dev {i}");
            var heard = await listener.ReadPayloadAsync();
            Assert.Equal($"dev {i}", Payloads.Text(echo));
            Assert.Equal(Payloads.Id(echo), Payloads.Id(heard));
            Assert.Equal("dev", RoomSteps.Room(heard));
        }

        // Every dev message was delivered before its echo came back, so anything carol got would come first.
        Payloads.Message(await carol.RequestAsync("msg", "lobby only"), "carol", "lobby only");
        Assert.Equal("Users in #lobby (1): carol", Payloads.Info(await carol.RequestAsync("names")));
        Assert.Equal("Rooms: dev (2), lobby (1)", Payloads.Info(await carol.RequestAsync("rooms")));
        await alice.AssertNothingPendingAsync();
        await bob.AssertNothingPendingAsync();
    }
}
