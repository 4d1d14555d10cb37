using Microsoft.Data.Sqlite;
using Parley.Storage.Sqlite;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests;

/// <summary>What only a store on disk has to show: durability, group commit, failures, its lifetime.</summary>
public sealed class SqliteChatStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_kind_of_state_survives_closing_and_reopening_the_file()
    {
        var path = _directory.File("reopen.db");
        IReadOnlyList<StoredMessage> stored;
        var account = new Account("Alice", "pbkdf2-sha256$600000$salt$hash", IsModerator: true, T0.AddTicks(1));
        var ban = new Ban("mallory", "10.0.0.9", "spam", "Alice", T0.AddMinutes(1));
        var audit = new AuditEntry(T0.AddMinutes(2), "Alice", "ban", "mallory", "spam");
        await using (var store = await OpenAsync(path))
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
            await store.CreateAccountAsync(new Account("bob", "h", false, T0), None).Limited();
            await store.AddBanAsync(ban, None).Limited();
            await store.AppendAuditAsync(audit, None).Limited();
        }

        await using (var store = await OpenAsync(path))
        {
            Assert.Equal([stored[0]], await store.GetRecentAsync("lobby", 10, null, None).Limited());
            Assert.Null(await store.FindMessageAsync(stored[1].Id, None).Limited());
            Assert.Equal(stored[2], await store.FindMessageAsync(stored[2].Id, None).Limited());
            Assert.False(await store.DeleteMessageAsync(stored[1].Id, None).Limited());
            Assert.Equal(["games", "Lobby"], await store.ListRoomsAsync(None).Limited());
            Assert.Equal(account, await store.FindAccountAsync("alice", None).Limited());
            Assert.False((await store.FindAccountAsync("bob", None).Limited())!.IsModerator);
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
        const int PerWriter = 200;
        var path = _directory.File("group.db");
        await using var store = await OpenAsync(path);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var ids = new long[PerWriter];
            for (var i = 0; i < PerWriter; i++)
            {
                ids[i] = (await store.AppendAsync([new NewMessage("lobby", $"user{w}", $"{w}:{i}", T0)], None))[0].Id;
            }

            return ids;
        }))).Limited();

        const int Total = Writers * PerWriter;
        Assert.Equal(Total, results.SelectMany(ids => ids).Distinct().Count());
        Assert.Equal(Total, store.MessagesCommitted);
        Assert.True(store.TransactionsCommitted < Total, $"{store.TransactionsCommitted} commits for {Total} messages: no group commit");

        var all = await store.GetRecentAsync("lobby", Total + 1, null, None).Limited();
        Assert.Equal(Total, all.Count);
        Assert.Equal(all.Select(m => m.Id).Order(), all.Select(m => m.Id));
        for (var w = 0; w < Writers; w++)
        {
            var mine = all.Where(m => m.Sender == $"user{w}").ToArray();
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => $"{w}:{i}"), mine.Select(m => m.Text));
            Assert.Equal(results[w], mine.Select(m => m.Id));
        }
    }

    [Fact]
    public async Task One_callers_bad_write_fails_only_that_caller()
    {
        await using var store = await OpenAsync(_directory.File("bad.db"));

        // A null sender (the driver refuses to bind it) fails inside the writer's transaction, after the
        // same append's first message was inserted: that half must be undone, the others' writes kept.
        var good = Enumerable.Range(0, 20)
            .Select(i => store.AppendAsync([new NewMessage("lobby", "alice", $"good{i}", T0), new NewMessage("lobby", "alice", $"more{i}", T0)], None).AsTask())
            .ToArray();
        var bad = store.AppendAsync([new NewMessage("lobby", "bob", "first half", T0), new NewMessage("lobby", null!, "x", T0)], None).AsTask();

        await Assert.ThrowsAnyAsync<Exception>(() => bad.Limited());
        await Task.WhenAll(good).Limited();
        var history = await store.GetRecentAsync("lobby", 100, null, None).Limited();
        Assert.Equal(40, history.Count);
        Assert.DoesNotContain(history, m => m.Sender == "bob"); // nothing of the failed append, not even its first half
    }

    [Fact]
    public async Task A_batch_that_cannot_commit_fails_its_callers_and_the_writer_goes_on()
    {
        var path = _directory.File("locked.db");
        await using var store = await OpenAsync(path, new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        await store.AppendAsync([new NewMessage("lobby", "alice", "before", T0)], None).Limited();

        Task<IReadOnlyList<StoredMessage>>[] failing;
        using (var other = SqliteFile.Open(path))
        {
            // Another process holding the write lock (a backup, the sqlite3 shell): BEGIN IMMEDIATE times out.
            using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            hold.ExecuteNonQuery();

            failing = [.. Enumerable.Range(0, 5).Select(i => store.AppendAsync([new NewMessage("lobby", "bob", $"lost{i}", T0)], None).AsTask())];
            foreach (var task in failing)
            {
                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => task.Limited());
                Assert.Equal("the database file is locked by another program", error.Reason);
                Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_BUSY
            }

            hold.CommandText = "ROLLBACK;";
            hold.ExecuteNonQuery();
        }

        await store.AppendAsync([new NewMessage("lobby", "alice", "after", T0)], None).Limited();
        Assert.Equal(["before", "after"], (await store.GetRecentAsync("lobby", 10, null, None).Limited()).Select(m => m.Text));
    }

    [Fact]
    public async Task Dispose_commits_what_was_queued_and_later_calls_throw_instead_of_hanging()
    {
        var path = _directory.File("dispose.db");
        var store = await OpenAsync(path);
        var queued = Enumerable.Range(0, 100)
            .Select(i => store.AppendAsync([new NewMessage("lobby", "alice", $"m{i}", T0)], None).AsTask())
            .ToArray();

        await store.DisposeAsync().Limited();

        await Task.WhenAll(queued).Limited(); // queued before the dispose: stored, none refused
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync([new NewMessage("lobby", "alice", "late", T0)], None).Limited());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetRecentAsync("lobby", 10, null, None).Limited());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.EnsureRoomAsync("lobby", T0, None).Limited());
        await store.DisposeAsync().Limited(); // twice is fine

        Assert.Equal(100L, SqliteFile.Scalar(path, "SELECT count(*) FROM messages;"));
    }

    [Fact]
    public async Task Using_the_store_before_InitializeAsync_is_an_error()
    {
        await using var store = new SqliteChatStore(_directory.File("early.db"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync([new NewMessage("lobby", "alice", "hi", T0)], None).Limited());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ListRoomsAsync(None).Limited());
    }

    [Fact]
    public async Task Full_synchronous_mode_and_one_transaction_per_caller_still_store_everything()
    {
        var path = _directory.File("full.db");
        await using var store = await OpenAsync(path, new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Full, MaxBatchMessages = 1 });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.AppendAsync([new NewMessage("lobby", "alice", $"m{i}", T0)], None).AsTask())).Limited();

        Assert.Equal(20, store.TransactionsCommitted);
        Assert.Equal(20, (await store.GetRecentAsync("lobby", 100, null, None).Limited()).Count);
    }

    [Fact]
    public async Task The_observer_hears_how_long_each_commit_took_before_its_callers_hear_it_is_done()
    {
        var path = _directory.File("latency.db");
        var observer = new RecordingObserver();
        await using var store = new SqliteChatStore(new SqliteStoreOptions { Path = path, MaxBatchMessages = 1 }, observer);
        await store.InitializeAsync(None).Limited();
        var before = store.TransactionsCommitted;

        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync([new NewMessage("lobby", "alice", $"m{i}", T0)], None).Limited();
            Assert.Equal(store.TransactionsCommitted, observer.Commits.Count);
        }

        Assert.Equal(before + 5, store.TransactionsCommitted);
        Assert.All(observer.Commits, duration => Assert.True(duration > TimeSpan.Zero));
    }

    [Fact]
    public async Task Committed_pages_reach_the_database_file_by_a_background_checkpoint_never_by_a_commit()
    {
        var path = _directory.File("checkpoint.db");
        var interval = TimeSpan.FromMilliseconds(20);
        await using var store = await OpenAsync(path, new SqliteStoreOptions { Path = path, CheckpointInterval = interval });
        var before = new FileInfo(path).Length;
        for (var batch = 0; batch < 20; batch++)
        {
            await store.AppendAsync(
                [.. Enumerable.Range(0, 100).Select(i => new NewMessage("lobby", "alice", new string('x', 200) + i, T0))],
                None).Limited();
        }

        // Commits append to the WAL only (automatic checkpoints are off): the file grows once a checkpoint ran.
        var deadline = DateTime.UtcNow + Within.Limit;
        while (store.Checkpoints == 0 || new FileInfo(path).Length <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No checkpoint reached the file: {store.Checkpoints} checkpoints, {new FileInfo(path).Length} bytes.");
            await Task.Delay(interval);
        }

        Assert.Equal(2000, (await store.GetRecentAsync("lobby", 5000, null, None).Limited()).Count);
    }

    private static async Task<SqliteChatStore> OpenAsync(string path, SqliteStoreOptions? options = null)
    {
        var store = new SqliteChatStore(options ?? new SqliteStoreOptions { Path = path });
        await store.InitializeAsync(None).Limited();
        return store;
    }
}
