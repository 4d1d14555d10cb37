using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

/// <summary><c>names</c> and <c>rooms</c> per room, the <c>"room"</c> key, discovery, and base-protocol clients beside rooms.</summary>
public class RoomListingTests
{
    [Fact]
    public async Task Names_lists_the_senders_room_only()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("dev");
        var bob = await server.LoginAsync("Bob");
        await bob.JoinAsync("dev");
        await server.LoginAsync("carol");
        Assert.Equal("Bob joined #dev", Payloads.Info(await alice.ReadPayloadAsync()));

        var names = await alice.RequestAsync("names");

        Assert.Equal("Users in #dev (2): alice, Bob", Payloads.Info(names));
        Assert.Equal("dev", RoomSteps.Room(names));
    }

    [Fact]
    public async Task Names_in_the_lobby_names_the_lobby()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        var names = await alice.RequestAsync("names");

        Assert.Equal("Users in #lobby (1): alice", Payloads.Info(names));
        Assert.Equal("lobby", RoomSteps.Room(names));
    }

    [Fact]
    public async Task Rooms_lists_every_room_with_its_member_count()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("dev");
        var bob = await server.LoginAsync("bob");
        await server.LoginAsync("carol");
        Assert.Equal("Rooms: dev (1), lobby (2)", Payloads.Info(await bob.RequestAsync("rooms")));

        await alice.SendAsync("leave");
        await alice.ReadPayloadAsync(); // You joined #lobby
        await alice.ReadPayloadAsync(); // the lobby's history

        // The room outlives its last member.
        Assert.Equal("alice joined #lobby", Payloads.Info(await bob.ReadPayloadAsync()));
        Assert.Equal("Rooms: dev (0), lobby (3)", Payloads.Info(await bob.RequestAsync("rooms")));
    }

    [Fact]
    public async Task Rooms_lists_rooms_the_store_knows_that_nobody_joined_since_start()
    {
        await using var server = new InMemoryServer();
        await server.Store.EnsureRoomAsync("archive", DateTimeOffset.UnixEpoch, CancellationToken.None);
        var alice = await server.LoginAsync("alice");

        Assert.Equal("Rooms: archive (0), lobby (1)", Payloads.Info(await alice.RequestAsync("rooms")));
    }

    [Fact]
    public async Task A_user_who_disconnects_leaves_their_room()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("dev");
        var bob = await server.LoginAsync("bob");
        await bob.JoinAsync("dev");
        await alice.ReadPayloadAsync(); // bob joined #dev

        await alice.DisconnectAsync();

        Assert.Equal("Users in #dev (1): bob", Payloads.Info(await bob.RequestAsync("names")));
        Assert.Equal("Rooms: dev (1), lobby (0)", Payloads.Info(await bob.RequestAsync("rooms")));
        Payloads.Message(await bob.RequestAsync("msg", "still here"), "bob", "still here");
    }

    [Fact]
    public async Task Login_history_live_messages_and_history_pages_carry_the_room()
    {
        await using var server = new InMemoryServer();
        var alice = server.Connect();
        var loginHistory = await alice.LoginAsync("alice");
        var lobbyMessage = await alice.RequestAsync("msg", "hi lobby");
        await alice.JoinAsync("dev");
        var devMessage = await alice.RequestAsync("msg", "hi dev");

        var page = await alice.RequestAsync("history");

        Assert.Equal("lobby", RoomSteps.Room(loginHistory));
        Assert.Equal("lobby", RoomSteps.Room(lobbyMessage));
        Assert.Equal("dev", RoomSteps.Room(devMessage));
        Assert.Null(RoomSteps.To(devMessage));
        Assert.Equal("dev", RoomSteps.Room(page));
        var item = Assert.Single(Payloads.HistoryItems(page));
        Assert.Equal(Payloads.Id(devMessage), Payloads.Id(item));
        Assert.Equal("dev", RoomSteps.Room(item));
    }

    [Fact]
    public async Task Help_lists_the_room_requests_and_login_advertises_them()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        var help = Payloads.Info(await client.RequestAsync("help"));
        await client.SendAsync("login", "alice");
        var info = await client.ReadPayloadAsync();

        foreach (var request in new[] { "join <room>", "leave", "rooms", "dm <user> <text>" })
        {
            Assert.Contains("\n" + request + " ", help);
        }

        var extensions = info.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Subset(extensions.ToHashSet(), new HashSet<string> { "history", "join", "leave", "rooms", "dm" });
    }

    [Fact]
    public async Task A_client_that_knows_only_the_base_requests_keeps_working_in_the_lobby()
    {
        await using var server = new InMemoryServer();
        var old = server.Connect();
        await old.SendRawAsync("{\"request\": \"login\", \"content\": \"oldie\"}");
        Assert.Equal("Login successful", Payloads.Info(await old.ReadPayloadAsync()));
        await old.ReadPayloadAsync(); // history
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        await alice.JoinAsync("dev");
        await bob.ReadPayloadAsync(); // alice left #lobby
        await bob.JoinAsync("dev");
        await alice.ReadPayloadAsync(); // bob joined #dev
        await alice.RequestAsync("msg", "rooms talk");
        await bob.ReadPayloadAsync();

        // The old client was told of the departures as plain infos (strings), and saw nothing of #dev.
        Assert.Equal("alice left #lobby", Payloads.Info(await old.ReadPayloadAsync()));
        Assert.Equal("bob left #lobby", Payloads.Info(await old.ReadPayloadAsync()));
        Payloads.Message(await old.RequestAsync("msg", "anyone?"), "oldie", "anyone?");
        Assert.Equal("Users in #lobby (1): oldie", Payloads.Info(await old.RequestAsync("names", "None")));
        Assert.StartsWith("Requests this server supports:", Payloads.Info(await old.RequestAsync("help", "None")));
        await old.SendAsync("logout", "None");
        Assert.Equal("Goodbye, oldie!", Payloads.Info(await old.ReadPayloadAsync()));
        Assert.Empty(await old.ReadUntilClosedAsync());
        await alice.AssertNothingPendingAsync();
    }
}
