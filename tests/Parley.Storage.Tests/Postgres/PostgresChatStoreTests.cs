using Parley.Storage.Postgres;
using Parley.Tests.Shared;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests.Postgres;

/// <summary>What the PostgreSQL store shows beyond the contract: durability, group commit, failures, its lifetime.</summary>
public sealed class PostgresChatStoreTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    private PostgresStoreOptions Options => new() { ConnectionString = _database.ConnectionString };

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_kind_of_state_survives_closing_the_store_and_opening_a_new_one()
    {
        IReadOnlyList<StoredMessage> stored;
        var account = new Account("Alice", "pbkdf2-sha256$600000$salt$hash", IsModerator: true, T0.AddTicks(1));
        var ban = new Ban("mallory", "10.0.0.9", "spam", "Alice", T0.AddMinutes(1));
        var audit = new AuditEntry(T0.AddMinutes(2), "Alice", "ban", "mallory", "spam");
        await using (var store = await OpenAsync())
        {
            stored = await store.AppendAsync(
                [
                    new NewMessage("Lobby", "alice", "kept", T0),
                    new NewMessage("Lobby", "bob", "deleted", T0.AddSeconds(1)),
                    new NewMessage(null, "bob", "direct", T0.AddSeconds(2), To: "alice"),
                ],
                None).Limited();
            await store.DeleteMessageAsync(stored[1].Id, None).Limited();
            await store.EnsureRoomAsync("Lobby", T0, None).Limited();
            await store.EnsureRoomAsync("games", T0, None).Limited();
            await store.CreateAccountAsync(account, None).Limited();
            await store.AddBanAsync(ban, None).Limited();
            await store.AppendAuditAsync(audit, None).Limited();
        }

        await using (var store = await OpenAsync())
        {
            Assert.Equal([stored[0]], await store.GetRecentAsync("lobby", 10, null, None).Limited());
            Assert.Null(await store.FindMessageAsync(stored[1].Id, None).Limited());
            Assert.Equal(stored[2], await store.FindMessageAsync(stored[2].Id, None).Limited());
            Assert.Equal(["games", "Lobby"], await store.ListRoomsAsync(None).Limited());
            Assert.Equal(account, await store.FindAccountAsync("alice", None).Limited());
            Assert.Equal([ban], await store.ListBansAsync(None).Limited());
            Assert.Equal([audit], await store.ListAuditAsync(10, None).Limited());
            var next = await store.AppendAsync([new NewMessage("lobby", "carol", "after", T0)], None).Limited();
            Assert.True(next[0].Id > stored[2].Id);
        }
    }

    [Fact]
    public async Task Many_concurrent_appenders_are_stored_once_in_order_and_committed_in_groups()
    {
        const int Writers = 50;
        const int PerWriter = 100;
        await using var store = await OpenAsync();

        // Some callers append two messages at once: the shared insert must keep each caller's pair together and in order.
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < PerWriter; i += w % 2 == 0 ? 1 : 2)
            {
                NewMessage[] batch = w % 2 == 0
                    ? [new NewMessage("lobby", $"user{w}", $"{w}:{i}", T0)]
                    : [new NewMessage("lobby", $"user{w}", $"{w}:{i}", T0), new NewMessage("lobby", $"user{w}", $"{w}:{i + 1}", T0)];
                ids.AddRange((await store.AppendAsync(batch, None)).Select(m => m.Id));
            }

            return ids;
        }))).Limited();

        const int Total = Writers * PerWriter;
        Assert.Equal(Total, results.SelectMany(ids => ids).Distinct().Count());
        Assert.Equal(Total, store.MessagesCommitted);
        Assert.True(store.TransactionsCommitted < Total / 2, $"{store.TransactionsCommitted} commits for {Total} messages: no group commit");

        var all = await store.GetRecentAsync("lobby", Total + 1, null, None).Limited();
        Assert.Equal(Total, all.Count);
        for (var w = 0; w < Writers; w++)
        {
            var mine = all.Where(m => m.Sender == $"user{w}").ToArray();
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => $"{w}:{i}"), mine.Select(m => m.Text));
            Assert.Equal(results[w], mine.Select(m => m.Id));
            Assert.Equal(results[w].Order(), results[w]);
        }
    }

    [Fact]
    public async Task A_message_the_database_refuses_fails_only_its_callers_append()
    {
        await using var store = await OpenAsync();
        // A rule of the database's (as an operator might add one) that one caller's message breaks, inside the
        // shared insert of a batch: that caller fails, everyone else batched with it is stored.
        await _database.ScalarAsync("ALTER TABLE messages ADD CONSTRAINT no_poison CHECK (text <> 'poison');");

        var good = Enumerable.Range(0, 20)
            .Select(i => store.AppendAsync([new NewMessage("lobby", "alice", $"good{i}", T0), new NewMessage("lobby", "alice", $"more{i}", T0)], None).AsTask())
            .ToArray();
        var bad = store.AppendAsync([new NewMessage("lobby", "bob", "first half", T0), new NewMessage("lobby", "bob", "poison", T0)], None).AsTask();
        var account = store.CreateAccountAsync(new Account("carol", null!, false, T0), None).AsTask(); // NOT NULL

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => bad.Limited());
        Assert.Equal("23514", refused.SqlState); // check_violation: not a storage fault
        Assert.Equal("23502", (await Assert.ThrowsAsync<Npgsql.PostgresException>(() => account.Limited())).SqlState);
        await Task.WhenAll(good).Limited();
        var history = await store.GetRecentAsync("lobby", 100, null, None).Limited();
        Assert.Equal(40, history.Count);
        Assert.DoesNotContain(history, m => m.Sender == "bob"); // nothing of the failed append, not even its first half
    }

    [Fact]
    public async Task Text_PostgreSQL_cannot_hold_is_stored_with_replacement_characters_as_it_was_delivered()
    {
        await using var store = await OpenAsync();

        var stored = await store.AppendAsync([new NewMessage("lobby", "alice", "nul\0 and lone \ud800 and pair \ud83d\ude00", T0)], None).Limited();

        Assert.Equal("nul\ufffd and lone \ufffd and pair \ud83d\ude00", stored[0].Text);
        Assert.Equal(stored, await store.GetRecentAsync("lobby", 10, null, None).Limited());
    }

    [Fact]
    public async Task Connections_ended_by_the_server_are_replaced_without_failing_a_read_or_a_write()
    {
        var observer = new RecordingObserver();
        await using var store = await OpenAsync(observer);
        var before = await store.AppendAsync([new NewMessage("lobby", "alice", "before", T0)], None).Limited();
        await store.GetRecentAsync("lobby", 10, null, None).Limited(); // a pooled read connection too

        // What a restart, a failover or an operator does to the store's sessions: its idle connections are dead.
        var ended = await _database.ScalarAsync(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{_database.Name}' AND pid <> pg_backend_pid();");
        Assert.True((long)ended! >= 2, $"{ended} sessions ended");

        var after = await store.AppendAsync([new NewMessage("lobby", "alice", "after", T0)], None).Limited();
        Assert.Equal([.. before, .. after], await store.GetRecentAsync("lobby", 10, null, None).Limited());
        Assert.Empty(observer.Faults);
    }

    [Fact]
    public async Task Dispose_commits_what_was_queued_and_later_calls_throw_instead_of_hanging()
    {
        var store = await OpenAsync();
        var queued = Enumerable.Range(0, 100)
            .Select(i => store.AppendAsync([new NewMessage("lobby", "alice", $"m{i}", T0)], None).AsTask())
            .ToArray();

        await store.DisposeAsync().Limited();

        await Task.WhenAll(queued).Limited();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync([new NewMessage("lobby", "alice", "late", T0)], None).Limited());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetRecentAsync("lobby", 10, null, None).Limited());
        await using var reopened = await OpenAsync();
        Assert.Equal(100, (await reopened.GetRecentAsync("lobby", 1000, null, None).Limited()).Count);
    }

    private async Task<PostgresChatStore> OpenAsync(IStoreWriteObserver? observer = null)
    {
        var store = new PostgresChatStore(Options, observer);
        await store.InitializeAsync(None).Limited();
        return store;
    }
}
