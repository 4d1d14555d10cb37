using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Shared;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// Two server processes (nodes) with <c>--store postgres</c> on one fresh database, on different ports: what one
/// stores, the other serves (history, accounts, bans), and a restart loses nothing. Live delivery between the
/// nodes is the backplane's, not tested here: each client here reads what its own node stored.
/// </summary>
public sealed class PostgresNodesTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task What_a_node_stores_another_node_serves_history_accounts_and_bans()
    {
        await using var nodeA = await StartNodeAsync();
        await using var nodeB = await StartNodeAsync();
        Assert.NotEqual(nodeA.Port, nodeB.Port);

        // History: a message sent on A is in the login history of a user on B.
        await using var alice = await WireClient.ConnectAsync(nodeA.Port);
        await alice.LoginAsync("alice");
        await alice.RequestAsync("msg", "hello from node a", ResponseKinds.Message);
        await using var bob = await WireClient.ConnectAsync(nodeB.Port);
        await bob.SendAsync("login", "bob");
        await bob.ReadUntilAsync(ResponseKinds.Info);
        Assert.Equal(["hello from node a"], Texts(await bob.ReadUntilAsync(ResponseKinds.History)));

        // Accounts: registered on A, the name needs its password on B.
        await alice.RequestAsync("register", "alicepassword", ResponseKinds.Info);
        await using var alice2 = await WireClient.ConnectAsync(nodeB.Port);
        Assert.Equal(ErrorCodes.PasswordRequired, Code(await alice2.RequestAsync("login", "alice", ResponseKinds.Error)));
        Assert.Equal(ErrorCodes.BadPassword, Code(await alice2.RequestAsync("login", "alice wrongpassword", ResponseKinds.Error)));
        await alice2.SendAsync("login", "alice alicepassword");
        Assert.Equal("Login successful", WireClient.Text(await alice2.ReadUntilAsync(ResponseKinds.Info)));

        // Bans, made on A: by name for someone who never came, and by address for someone online on A.
        await using var root = await WireClient.ConnectAsync(nodeA.Port);
        await root.LoginAsync("root");
        await root.RequestAsync("register", "rootpassword", ResponseKinds.Info);
        await root.RequestAsync("ban", "mallory spamming", ResponseKinds.Info);
        await using var trudy = await WireClient.ConnectAsync(nodeA.Port, from: "127.0.0.7");
        await trudy.LoginAsync("trudy");
        await root.RequestAsync("ban", "trudy", ResponseKinds.Info);

        await using var mallory = await WireClient.ConnectAsync(nodeB.Port);
        Assert.Equal(ErrorCodes.Banned, Code(await mallory.RequestAsync("login", "mallory", ResponseKinds.Error)));
        await using var sameAddress = await WireClient.ConnectAsync(nodeB.Port, from: "127.0.0.7");
        Assert.Equal(ErrorCodes.Banned, Code(await sameAddress.RequestAsync("login", "innocent", ResponseKinds.Error)));
    }

    [Fact]
    public async Task Restarting_a_node_gracefully_or_killing_the_other_loses_no_stored_message()
    {
        var nodeA = await StartNodeAsync();
        var nodeB = await StartNodeAsync();
        var sent = new List<string>();
        try
        {
            foreach (var (node, name) in new[] { (nodeA, "alice"), (nodeB, "bob") })
            {
                await using var client = await WireClient.ConnectAsync(node.Port);
                await client.LoginAsync(name);
                for (var i = 0; i < 20; i++)
                {
                    // The message comes back once stored: acknowledged, so it must survive what follows.
                    await client.RequestAsync("msg", $"{name} {i}", ResponseKinds.Message);
                    sent.Add($"{name} {i}");
                }
            }

            nodeA.Process.Terminate();
            Assert.Equal(0, await nodeA.Process.WaitForExitAsync());
        }
        finally
        {
            await nodeA.DisposeAsync();
            await nodeB.DisposeAsync(); // SIGKILL: no shutdown, no flush
        }

        await using var restarted = await StartNodeAsync("--Parley:LoginHistoryMaxBytes", "1000000");
        await using var reader = await WireClient.ConnectAsync(restarted.Port);
        await reader.SendAsync("login", "reader");
        await reader.ReadUntilAsync(ResponseKinds.Info);
        Assert.Equal(sent, Texts(await reader.ReadUntilAsync(ResponseKinds.History)));
    }

    [Fact]
    public async Task A_node_whose_database_cannot_be_reached_stops_at_start_with_one_line()
    {
        var nowhere = new Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = ServerProcess.FreePort(), Timeout = 5 };
        await using var process = ChildProcess.StartDotnet(
            Executables.ServerDll,
            new Dictionary<string, string> { ["PARLEY__POSTGRES"] = nowhere.ConnectionString },
            "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--store", "postgres");

        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Equal("Parley.Server: the store cannot be opened: PostgreSQL refuses connections (is it running?).", process.StandardErrorSoFar());
    }

    /// <summary>A node on the test's database; the connection string goes by environment, as PARLEY__POSTGRES keeps it out of ps.</summary>
    private Task<ServerProcess> StartNodeAsync(params string[] extraArguments) => ServerProcess.StartAsync(
        new Dictionary<string, string> { ["PARLEY__POSTGRES"] = _database.ConnectionString },
        ["--store", "postgres", "--Parley:Moderators:0", "root", "--Parley:PasswordIterations", "1000", .. extraArguments]);

    private static string? Code(JsonElement error) => error.GetProperty("code").GetString();

    private static List<string> Texts(JsonElement history)
        => [.. history.GetProperty("content").EnumerateArray()
            .Select(i => JsonDocument.Parse(i.GetString()!).RootElement.GetProperty("content").GetString()!)];
}
