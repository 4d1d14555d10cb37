using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

/// <summary><c>join</c> and <c>leave</c>: who is told what, which history, and where messages go.</summary>
public class RoomTests
{
    [Fact]
    public async Task Join_tells_the_old_room_and_the_new_room_and_sends_the_joiner_that_rooms_history()
    {
        await using var server = new InMemoryServer();
        var bob = await server.LoginAsync("bob");
        await bob.JoinAsync("dev");
        var carol = await server.LoginAsync("carol");
        var alice = await server.LoginAsync("alice");

        var history = await alice.JoinAsync("dev");

        Assert.Empty(Payloads.HistoryItems(history));
        var left = await carol.ReadPayloadAsync();
        Assert.Equal("alice left #lobby", Payloads.Info(left));
        Assert.Equal("lobby", RoomSteps.Room(left));
        var joined = await bob.ReadPayloadAsync();
        Assert.Equal("alice joined #dev", Payloads.Info(joined));
        Assert.Equal("dev", RoomSteps.Room(joined));
        await alice.AssertNothingPendingAsync(); // the joiner is not told of its own join
    }

    [Fact]
    public async Task Messages_stay_in_their_room_and_carry_its_name()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");
        await alice.JoinAsync("dev");
        await bob.ReadPayloadAsync(); // alice left #lobby
        await bob.JoinAsync("dev");
        await alice.ReadPayloadAsync(); // bob joined #dev
        var carol = await server.LoginAsync("carol");

        var echo = await alice.RequestAsync("msg", "in dev");
        var delivered = await bob.ReadPayloadAsync();
        var lobbyEcho = await carol.RequestAsync("msg", "in lobby");

        Payloads.Message(echo, "alice", "in dev");
        Payloads.Message(delivered, "alice", "in dev");
        Assert.Equal("dev", RoomSteps.Room(delivered));
        Payloads.Message(lobbyEcho, "carol", "in lobby");
        Assert.Equal("lobby", RoomSteps.Room(lobbyEcho));
        await alice.AssertNothingPendingAsync();
        await bob.AssertNothingPendingAsync();
        await carol.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task The_join_history_holds_only_that_rooms_messages()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.RequestAsync("msg", "lobby 1");
        await alice.JoinAsync("dev");
        var devIds = new List<long>
        {
            Payloads.Id(await alice.RequestAsync("msg", "dev 1")),
            Payloads.Id(await alice.RequestAsync("msg", "dev 2")),
        };
        await alice.JoinAsync("ops");
        await alice.RequestAsync("msg", "ops 1");

        var bob = await server.LoginAsync("bob");
        var items = Payloads.HistoryItems(await bob.JoinAsync("dev"));

        Assert.Equal(devIds, items.Select(Payloads.Id));
        Assert.Equal(["dev 1", "dev 2"], items.Select(Payloads.Text));
        Assert.All(items, item => Assert.Equal("dev", RoomSteps.Room(item)));
    }

    [Fact]
    public async Task The_join_history_has_the_login_historys_format_and_caps()
    {
        await using var server = new InMemoryServer(("HistoryFormat", "Objects"), ("LoginHistoryMaxMessages", "2"));
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("dev");
        for (var i = 0; i < 4; i++)
        {
            await alice.RequestAsync("msg", $"m{i}");
        }

        var bob = await server.LoginAsync("bob");
        var history = await bob.JoinAsync("dev");

        var items = history.GetProperty("content").EnumerateArray().ToArray();
        Assert.All(items, item => Assert.Equal(JsonValueKind.Object, item.ValueKind));
        Assert.Equal(["m2", "m3"], items.Select(Payloads.Text));
    }

    [Fact]
    public async Task The_join_history_stays_under_the_login_byte_limit()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("dev");
        for (var i = 0; i < 20; i++)
        {
            await alice.RequestAsync("msg", new string('x', 500));
        }

        var bob = await server.LoginAsync("bob");
        var items = Payloads.HistoryItems(await bob.JoinAsync("dev"));

        Assert.True(bob.Reader.LastFrame.Length + 1 < 4000, $"The history line is {bob.Reader.LastFrame.Length + 1} bytes.");
        Assert.InRange(items.Count, 1, 19);
    }

    [Fact]
    public async Task Room_names_compare_without_regard_to_case_and_keep_the_first_spelling()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        await alice.JoinAsync("DevOps");
        await bob.ReadPayloadAsync(); // alice left #lobby
        await bob.JoinAsync("devops", spelling: "DevOps");

        Assert.Equal("bob joined #DevOps", Payloads.Info(await alice.ReadPayloadAsync()));
        Payloads.Message(await bob.RequestAsync("msg", "same room"), "bob", "same room");
        Payloads.Message(await alice.ReadPayloadAsync(), "bob", "same room");
        Assert.Equal("Rooms: DevOps (2), lobby (0)", Payloads.Info(await alice.RequestAsync("rooms")));
        Payloads.Error(await alice.RequestAsync("join", "DEVOPS"), ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData("lobby")]
    [InlineData("LOBBY")]
    public async Task Joining_the_room_you_are_in_is_refused(string room)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        Assert.Contains("#lobby", Payloads.Error(await alice.RequestAsync("join", room), ErrorCodes.InvalidArgument));
        await alice.JoinAsync("dev");
        Payloads.Error(await alice.RequestAsync("join", "dev"), ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("my room")]
    [InlineData("#dev")]
    [InlineData("dev.ops")]
    [InlineData("d\u00e6v")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-_01234")]
    public async Task Invalid_room_names_are_refused_and_the_user_stays_where_they_were(string? room)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        var text = Payloads.Error(await alice.RequestAsync("join", room), ErrorCodes.InvalidArgument);

        Assert.Contains(room is null ? "Usage: join <room>" : "letters, digits", text);
        Assert.StartsWith("Users in #lobby (1)", Payloads.Info(await alice.RequestAsync("names")));
        Assert.Equal("Rooms: lobby (1)", Payloads.Info(await alice.RequestAsync("rooms")));
    }

    [Fact]
    public async Task Moving_between_rooms_tells_each_room_once()
    {
        await using var server = new InMemoryServer();
        var bob = await server.LoginAsync("bob");
        await bob.JoinAsync("dev");
        var alice = await server.LoginAsync("alice");
        await alice.JoinAsync("ops");

        await alice.JoinAsync("dev");

        Assert.Equal("alice joined #dev", Payloads.Info(await bob.ReadPayloadAsync()));
        await alice.JoinAsync("ops");
        Assert.Equal("alice left #dev", Payloads.Info(await bob.ReadPayloadAsync()));
        await bob.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task Leave_goes_back_to_the_lobby_as_join_lobby_does()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await alice.RequestAsync("msg", "before");
        await alice.JoinAsync("dev");
        var bob = await server.LoginAsync("bob");
        var carol = await server.LoginAsync("carol");
        await carol.JoinAsync("dev");
        await alice.ReadPayloadAsync(); // carol joined #dev
        await bob.ReadPayloadAsync(); // carol left #lobby

        await alice.SendAsync("leave");

        var info = await alice.ReadPayloadAsync();
        Assert.Equal("You joined #lobby", Payloads.Info(info));
        Assert.Equal("lobby", RoomSteps.Room(info));
        var history = await alice.ReadPayloadAsync();
        Assert.Equal("lobby", RoomSteps.Room(history));
        Assert.Equal(["before"], Payloads.HistoryItems(history).Select(Payloads.Text));
        Assert.Equal("alice left #dev", Payloads.Info(await carol.ReadPayloadAsync()));
        Assert.Equal("alice joined #lobby", Payloads.Info(await bob.ReadPayloadAsync()));
    }

    [Fact]
    public async Task Leave_in_the_lobby_is_refused()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        Assert.Contains("#lobby", Payloads.Error(await alice.RequestAsync("leave"), ErrorCodes.InvalidArgument));
        await alice.AssertNothingPendingAsync();
    }

    [Theory]
    [InlineData("join", "dev")]
    [InlineData("leave", null)]
    [InlineData("rooms", null)]
    [InlineData("dm", "bob hi")]
    public async Task Room_requests_need_a_login(string request, string? content)
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        Payloads.Error(await client.RequestAsync(request, content), ErrorCodes.NotLoggedIn);
    }
}
