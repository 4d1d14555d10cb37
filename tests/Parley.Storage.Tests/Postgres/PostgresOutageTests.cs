using Npgsql;
using Parley.Storage.Postgres;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests.Postgres;

/// <summary>
/// PostgreSQL going away under the store and coming back: a server of the test's own, really stopped and
/// started (<see cref="PostgresInstance"/>), so connections are refused and sessions are ended as in production.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private PostgresInstance _server = null!;

    public async Task InitializeAsync() => _server = await PostgresInstance.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task While_PostgreSQL_is_stopped_writes_fail_as_store_faults_and_once_it_is_back_they_succeed_again()
    {
        var observer = new RecordingObserver();
        // Timeout: how long opening a connection may take; refused connections fail at once anyway.
        var connection = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Timeout = 5 }.ConnectionString;
        var options = new PostgresStoreOptions { ConnectionString = connection, ProbeInterval = TimeSpan.FromMilliseconds(100) };
        await using var store = new PostgresChatStore(options, observer);
        await store.InitializeAsync(None).Limited();
        await store.EnsureRoomAsync("lobby", T0, None).Limited();
        var before = await store.AppendAsync([Message("before 1"), Message("before 2")], None).Limited();

        await _server.StopAsync();

        // Many callers at once: group commit puts them in one or more transactions, and every one fails whole.
        var failing = Enumerable.Range(0, 20)
            .Select(i => store.AppendAsync([Message($"lost {i}a"), Message($"lost {i}b")], None).AsTask())
            .ToArray();
        foreach (var append in failing)
        {
            var fault = await Assert.ThrowsAsync<StoreUnavailableException>(() => append.Limited());
            Assert.IsAssignableFrom<NpgsqlException>(fault.InnerException);
        }

        Assert.Contains(observer.Faults, f => f.Reason == "PostgreSQL refuses connections (is it running?)");
        Assert.False(observer.Recovered.IsCompleted);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateAccountAsync(new Account("alice", "h", false, T0), None).Limited());
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetRecentAsync("lobby", 100, null, None).Limited());
        Assert.Equal("PostgreSQL refuses connections (is it running?)", read.Reason);

        await _server.StartAsync();
        await observer.Recovered.Limited(); // noticed by the writer's probe: nobody wrote

        var after = await store.AppendAsync([Message("after")], None).Limited();
        Assert.Equal([.. before, .. after], await store.GetRecentAsync("lobby", 100, null, None).Limited());
        Assert.Null(await store.FindAccountAsync("alice", None).Limited());
        Assert.Equal(["lobby"], await store.ListRoomsAsync(None).Limited());
    }

    [Fact]
    public async Task A_restart_between_two_writes_goes_unnoticed_by_the_callers()
    {
        var observer = new RecordingObserver();
        await using var store = new PostgresChatStore(new PostgresStoreOptions { ConnectionString = _server.ConnectionString }, observer);
        await store.InitializeAsync(None).Limited();
        var before = await store.AppendAsync([Message("before")], None).Limited();
        await store.GetRecentAsync("lobby", 100, null, None).Limited();

        // The store's connections (the writer's, the pooled reader's) were ended by the shutdown.
        await _server.StopAsync();
        await _server.StartAsync();

        var after = await store.AppendAsync([Message("after")], None).Limited();
        Assert.Equal([.. before, .. after], await store.GetRecentAsync("lobby", 100, null, None).Limited());
        Assert.Empty(observer.Faults);
    }

    private static NewMessage Message(string text) => new("lobby", "alice", text, T0);
}
