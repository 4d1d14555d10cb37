using Parley.Storage.Postgres;
using Parley.Tests.Shared;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests.Postgres;

/// <summary>Two stores on one database, as two chat nodes have: each sees what the other wrote, at once.</summary>
public sealed class PostgresNodesTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private PostgresChatStore _nodeA = null!;
    private PostgresChatStore _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        _nodeA = new PostgresChatStore(new PostgresStoreOptions { ConnectionString = _database.ConnectionString });
        _nodeB = new PostgresChatStore(new PostgresStoreOptions { ConnectionString = _database.ConnectionString });
        await Task.WhenAll(_nodeA.InitializeAsync(None).AsTask(), _nodeB.InitializeAsync(None).AsTask()).Limited();
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Messages_written_on_one_node_are_in_the_others_history_and_ids_keep_growing_across_nodes()
    {
        var fromA = await _nodeA.AppendAsync([new NewMessage("Lobby", "alice", "from a", T0), new NewMessage(null, "alice", "dm", T0, To: "bob")], None).Limited();
        var fromB = await _nodeB.AppendAsync([new NewMessage("lobby", "bob", "from b", T0.AddSeconds(1))], None).Limited();

        Assert.True(fromB[0].Id > fromA[1].Id);
        Assert.Equal([fromA[0], fromB[0]], await _nodeB.GetRecentAsync("LOBBY", 10, null, None).Limited());
        Assert.Equal([fromA[0], fromB[0]], await _nodeA.GetRecentAsync("lobby", 10, null, None).Limited());
        Assert.Equal(fromA[1], await _nodeB.FindMessageAsync(fromA[1].Id, None).Limited());

        Assert.True(await _nodeB.DeleteMessageAsync(fromA[0].Id, None).Limited());
        Assert.False(await _nodeA.DeleteMessageAsync(fromA[0].Id, None).Limited());
        Assert.Equal([fromB[0]], await _nodeA.GetRecentAsync("lobby", 10, null, None).Limited());
    }

    [Fact]
    public async Task Accounts_bans_rooms_and_the_audit_log_are_shared()
    {
        Assert.True(await _nodeA.CreateAccountAsync(new Account("Alice", "h1", false, T0), None).Limited());
        Assert.False(await _nodeB.CreateAccountAsync(new Account("alice", "h2", false, T0), None).Limited());
        Assert.True(await _nodeB.SetPasswordHashAsync("ALICE", "h3", None).Limited());
        Assert.Equal(new Account("Alice", "h3", false, T0), await _nodeA.FindAccountAsync("alice", None).Limited());

        var ban = new Ban("mallory", "10.0.0.1", "spam", "Alice", T0);
        await _nodeA.AddBanAsync(ban, None).Limited();
        Assert.Equal([ban], await _nodeB.ListBansAsync(None).Limited());
        Assert.True(await _nodeB.RemoveBanAsync("Mallory", None).Limited());
        Assert.Empty(await _nodeA.ListBansAsync(None).Limited());

        Assert.Equal("Games", await _nodeA.EnsureRoomAsync("Games", T0, None).Limited());
        Assert.Equal("Games", await _nodeB.EnsureRoomAsync("games", T0, None).Limited());
        Assert.Equal(["Games"], await _nodeB.ListRoomsAsync(None).Limited());

        await _nodeA.AppendAuditAsync(new AuditEntry(T0, "Alice", "ban", "mallory", null), None).Limited();
        await _nodeB.AppendAuditAsync(new AuditEntry(T0.AddSeconds(1), "Alice", "unban", "mallory", null), None).Limited();
        Assert.Equal(["ban", "unban"], (await _nodeA.ListAuditAsync(10, None).Limited()).Select(e => e.Action));
    }

    [Fact]
    public async Task Both_nodes_creating_the_same_rooms_and_bans_at_once_agree_on_one_of_each()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"room{i}").ToArray();
        var rooms = await Task.WhenAll(names.SelectMany(n => new[]
        {
            _nodeA.EnsureRoomAsync(n.ToUpperInvariant(), T0, None).AsTask(),
            _nodeB.EnsureRoomAsync(n, T0, None).AsTask(),
        })).Limited();
        var bans = names.SelectMany(n => new[]
        {
            _nodeA.AddBanAsync(new Ban(n, null, "a", "mod", T0), None).AsTask(),
            _nodeB.AddBanAsync(new Ban(n.ToUpperInvariant(), null, "b", "mod", T0), None).AsTask(),
        });
        await Task.WhenAll(bans).Limited();

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(rooms[2 * i], rooms[(2 * i) + 1]); // both callers were told the one stored spelling
        }

        Assert.Equal(names.Length, (await _nodeA.ListRoomsAsync(None).Limited()).Count);
        Assert.Equal(names.Length, (await _nodeB.ListBansAsync(None).Limited()).Count);
    }

    [Fact]
    public async Task Concurrent_appends_on_both_nodes_are_stored_once_each_in_its_callers_order()
    {
        const int WritersPerNode = 10;
        const int PerWriter = 40;
        var writers = new[] { _nodeA, _nodeB }.SelectMany((node, n) => Enumerable.Range(0, WritersPerNode).Select(w => (node, name: $"n{n}w{w}")));

        var results = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                ids.AddRange((await writer.node.AppendAsync([new NewMessage("lobby", writer.name, $"{i}", T0)], None)).Select(m => m.Id));
            }

            return (writer.name, ids);
        }))).Limited();

        var history = await _nodeA.GetRecentAsync("lobby", 10_000, null, None).Limited();
        Assert.Equal(2 * WritersPerNode * PerWriter, history.Select(m => m.Id).Distinct().Count());
        foreach (var (name, ids) in results)
        {
            Assert.Equal(ids.Order(), ids);
            var mine = history.Where(m => m.Sender == name).ToArray();
            Assert.Equal(ids, mine.Select(m => m.Id));
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => $"{i}"), mine.Select(m => m.Text));
        }
    }
}
