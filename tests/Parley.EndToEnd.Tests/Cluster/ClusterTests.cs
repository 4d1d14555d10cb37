using System.Globalization;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>
/// Two or three real server processes sharing one store and one Redis (<c>--backplane redis</c>): one chat,
/// whichever node a client reaches.
/// </summary>
public class ClusterTests
{
    private static readonly string[] s_moderator = ["--Parley:Moderators:0", "root"];

    [Fact]
    public async Task Clients_on_different_nodes_chat_both_ways_in_the_lobby_in_a_room_and_directly()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(3, store);
        await using var alice = await LoginAsync(cluster.Port(0), "alice");
        await using var bob = await LoginAsync(cluster.Port(1), "bob");
        await using var carol = await LoginAsync(cluster.Port(2), "carol");

        await alice.SendAsync("msg", "hello from node 0");
        await ReceiveAsync(bob, "alice", "hello from node 0");
        await ReceiveAsync(carol, "alice", "hello from node 0");
        await bob.SendAsync("msg", "hello from node 1");
        await ReceiveAsync(alice, "bob", "hello from node 1");
        await ReceiveAsync(carol, "bob", "hello from node 1");

        await alice.RequestAsync("join", "dev", ResponseKinds.History);
        await carol.RequestAsync("join", "dev", ResponseKinds.History);
        await carol.SendAsync("msg", "in dev");
        await ReceiveAsync(alice, "carol", "in dev");

        await bob.SendAsync("dm", "carol psst");
        var direct = await ReceiveAsync(carol, "bob", "psst");
        Assert.Equal("carol", direct.GetProperty("to").GetString());

        // Bob stayed in the lobby: the room's traffic never reached him, the direct message not the others.
        await bob.SendAsync("msg", "lobby only");
        await ReceiveAsync(bob, "bob", "lobby only");
        await alice.SendAsync("msg", "dev only");
        await ReceiveAsync(carol, "alice", "dev only");
        await ReceiveAsync(alice, "alice", "dev only");
    }

    [Fact]
    public async Task Names_and_rooms_span_the_nodes()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store);
        await using var alice = await LoginAsync(cluster.Port(0), "alice");
        await using var bob = await LoginAsync(cluster.Port(1), "bob");
        await using var carol = await LoginAsync(cluster.Port(1), "carol");
        await carol.RequestAsync("join", "dev", ResponseKinds.History);

        Assert.Equal("Users in #lobby (2): alice, bob", await NamesAsync(alice));
        Assert.Equal("Users in #lobby (2): alice, bob", await NamesAsync(bob));
        Assert.Equal("Rooms: dev (1), lobby (2)", WireClient.Text(await alice.RequestAsync("rooms", null, ResponseKinds.Info)));
    }

    [Fact]
    public async Task A_name_taken_on_one_node_is_refused_on_another_and_free_again_after_logout()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store);
        await using var alice = await LoginAsync(cluster.Port(0), "alice");

        await using var impostor = await WireClient.ConnectAsync(cluster.Port(1));
        var refused = await impostor.RequestAsync("login", "ALICE", ResponseKinds.Error);
        Assert.Equal(ErrorCodes.NameTaken, Code(refused));

        await alice.SendAsync("logout", null);
        Assert.Null(await ReadToCloseAsync(alice));
        await impostor.LoginAsync("Alice");
    }

    [Fact]
    public async Task A_ban_on_one_node_removes_the_user_from_another_and_keeps_them_out_of_every_node()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store, extraArguments: s_moderator);
        await using var root = await LoginAsModeratorAsync(cluster.Port(0));
        await using var mallory = await LoginAsync(cluster.Port(1), "mallory");
        await using var bob = await LoginAsync(cluster.Port(1), "bob");

        await root.SendAsync("ban", "mallory spamming");
        await ReadInfoAsync(mallory, "You are banned by root");
        Assert.Null(await ReadToCloseAsync(mallory));
        await ReadInfoAsync(bob, "mallory was banned by root");

        foreach (var node in new[] { 0, 1 })
        {
            await using var again = await WireClient.ConnectAsync(cluster.Port(node));
            Assert.Equal(ErrorCodes.Banned, Code(await again.RequestAsync("login", "mallory", ResponseKinds.Error)));
        }

        Assert.Equal("Users in #lobby (2): bob, root", await NamesAsync(root));
    }

    [Fact]
    public async Task Kicks_and_message_removals_reach_users_on_other_nodes()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store, extraArguments: s_moderator);
        await using var root = await LoginAsModeratorAsync(cluster.Port(0));
        await using var bob = await LoginAsync(cluster.Port(1), "bob");
        await using var troll = await LoginAsync(cluster.Port(1), "troll");

        await troll.SendAsync("msg", "something rude");
        var rude = await ReceiveAsync(root, "troll", "something rude");
        var id = rude.GetProperty("id").GetInt64();
        await root.SendAsync("delete", id.ToString(CultureInfo.InvariantCulture));
        var removed = await bob.ReadUntilAsync(ResponseKinds.Info);
        Assert.Equal(id, removed.GetProperty("deleted").GetInt64());

        await root.SendAsync("kick", "troll calm down");
        await ReadInfoAsync(troll, "You were kicked by root");
        Assert.Null(await ReadToCloseAsync(troll));
        await ReadInfoAsync(root, "troll was kicked by root");
        Assert.Equal("Users in #lobby (2): bob, root", await NamesAsync(bob));
    }

    [Fact]
    public async Task A_killed_node_drops_out_of_names_within_its_lease_and_comes_back_when_restarted()
    {
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store);
        await using var alice = await LoginAsync(cluster.Port(0), "alice");
        await using (var bob = await LoginAsync(cluster.Port(1), "bob"))
        {
            Assert.Equal("Users in #lobby (2): alice, bob", await NamesAsync(alice));
            await cluster.KillAsync(1);
        }

        await WaitForNamesAsync(alice, "Users in #lobby (1): alice");

        await cluster.StartAsync(1);
        await using var bobAgain = await LoginAsync(cluster.Port(1), "bob");
        Assert.Equal("Users in #lobby (2): alice, bob", await NamesAsync(alice));
        await bobAgain.SendAsync("msg", "back");
        await ReceiveAsync(alice, "bob", "back");
    }

    [Fact]
    public async Task A_Redis_restart_loses_no_stored_message()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var store = await SharedStore.CreateAsync();
        await using var cluster = await ClusterNodes.StartAsync(2, store, redis.Address);
        await using var alice = await LoginAsync(cluster.Port(0), "alice");
        await using var bob = await LoginAsync(cluster.Port(1), "bob");
        await alice.SendAsync("msg", "before");
        await ReceiveAsync(bob, "alice", "before");

        await redis.StopAsync();
        await alice.SendAsync("msg", "while Redis is down");
        await ReceiveAsync(alice, "alice", "while Redis is down"); // stored and delivered on its own node

        // What needs the other nodes is refused, clearly; names says it knows only this node.
        Assert.Equal("Users in #lobby (1) (this server only: the others cannot be reached right now): alice", await NamesAsync(alice));
        await using (var late = await WireClient.ConnectAsync(cluster.Port(0)))
        {
            Assert.Equal(ErrorCodes.ClusterUnavailable, Code(await late.RequestAsync("login", "dave", ResponseKinds.Error)));
        }

        var (status, health) = await HealthAsync(cluster.HttpPort(0));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("cluster: Unhealthy: Node node0 is cut off", health, StringComparison.Ordinal);

        await redis.StartAgainAsync();

        // The broadcast was lost with Redis; bob's node catches up from the store once the nodes are back.
        await cluster.ExplainFailureAsync(() => ReceiveAsync(bob, "alice", "while Redis is down"));
        await WaitForNamesAsync(bob, "Users in #lobby (2): alice, bob");
        await bob.SendAsync("msg", "after");
        await cluster.ExplainFailureAsync(() => ReceiveAsync(alice, "bob", "after"));

        await WaitForHealthyAsync(cluster.HttpPort(0));
        await using var carol = await WireClient.ConnectAsync(cluster.Port(1));
        await carol.SendAsync("login", "carol");
        var history = await carol.ReadUntilAsync(ResponseKinds.History);
        Assert.Equal(["before", "while Redis is down", "after"], Texts(history));
    }

    [Fact]
    public async Task A_node_that_cannot_reach_Redis_at_start_up_exits_with_code_3_and_says_why()
    {
        await using var store = await SharedStore.CreateAsync();
        var unused = ServerProcess.FreePort();
        await using var process = ChildProcess.StartDotnet(Executables.ServerDll,
            ["--port", "0", "--http-port", "0", .. store.Arguments, "--backplane", "redis", "--redis", $"127.0.0.1:{unused}"]);

        Assert.Equal(3, await process.WaitForExitAsync());
        Assert.Contains($"Parley.Server: Redis at 127.0.0.1:{unused} is not reachable", process.StandardErrorSoFar(), StringComparison.Ordinal);
    }

    private static async Task<(System.Net.HttpStatusCode Status, string Body)> HealthAsync(int httpPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asks /healthz until it is ready: a node's recovery has no event a client could await.</summary>
    private static async Task WaitForHealthyAsync(int httpPort)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var (status, body) = await HealthAsync(httpPort);
        while (status != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            (status, body) = await HealthAsync(httpPort);
        }

        Assert.True(status == System.Net.HttpStatusCode.OK, body);
        Assert.Contains("cluster: Healthy", body, StringComparison.Ordinal);
    }

    private static async Task<WireClient> LoginAsync(int port, string name)
    {
        var client = await WireClient.ConnectAsync(port);
        await client.LoginAsync(name);
        return client;
    }

    /// <summary>Reads until the message <paramref name="text"/> from <paramref name="sender"/> arrives (others, and echoes, pass by).</summary>
    private static async Task<JsonElement> ReceiveAsync(WireClient client, string sender, string text)
    {
        while (true)
        {
            var message = await client.ReadUntilAsync(ResponseKinds.Message);
            if (Sender(message) == sender && WireClient.Text(message) == text)
            {
                return message;
            }
        }
    }

    /// <summary>Reads until an info that starts with <paramref name="start"/> arrives.</summary>
    private static async Task ReadInfoAsync(WireClient client, string start)
    {
        while (!WireClient.Text(await client.ReadUntilAsync(ResponseKinds.Info)).StartsWith(start, StringComparison.Ordinal))
        {
        }
    }

    /// <summary>The answer to <c>names</c> (notices about others that arrive first pass by).</summary>
    private static async Task<string> NamesAsync(WireClient client)
    {
        await client.SendAsync("names", null);
        while (true)
        {
            var text = WireClient.Text(await client.ReadUntilAsync(ResponseKinds.Info));
            if (text.StartsWith("Users in #", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    /// <summary>A moderator by configuration (<see cref="s_moderator"/>): registered, then logged in again with the password.</summary>
    private static async Task<WireClient> LoginAsModeratorAsync(int port)
    {
        await using (var first = await LoginAsync(port, "root"))
        {
            await first.RequestAsync("register", "rootpassword", ResponseKinds.Info);
        }

        var root = await WireClient.ConnectAsync(port);
        await root.SendAsync("login", "root rootpassword");
        await root.ReadUntilAsync(ResponseKinds.History);
        return root;
    }

    /// <summary>
    /// Asks for names until they read <paramref name="expected"/>: a lease runs out, or a node takes its
    /// names up again, with no event a client could await.
    /// </summary>
    private static async Task WaitForNamesAsync(WireClient client, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string names;
        do
        {
            names = await NamesAsync(client);
            if (names == expected)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(expected, names);
    }

    private static async Task<JsonElement?> ReadToCloseAsync(WireClient client)
    {
        while (await client.ReadAsync() is { } payload)
        {
            _ = payload;
        }

        return null;
    }

    private static string? Sender(JsonElement message) => message.GetProperty("sender").GetString();

    private static string? Code(JsonElement error) => error.GetProperty("code").GetString();

    private static List<string> Texts(JsonElement history)
        => [.. history.GetProperty("content").EnumerateArray()
            .Select(i => JsonDocument.Parse(i.GetString()!).RootElement.GetProperty("content").GetString()!)];
}
