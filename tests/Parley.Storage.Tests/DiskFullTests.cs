using Microsoft.Data.Sqlite;
using Parley.Storage.Sqlite;
using Parley.Tests.Shared;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests;

/// <summary>
/// The SQLite store on a real disk that fills up: a 2 MiB tmpfs holding the database, its WAL and its shared
/// memory file, filled to the last byte by a filler file. Skipped (with the reason) where no tmpfs can be mounted.
/// </summary>
public sealed class DiskFullTests
{
    private const int DiskKiB = 2048;
    private const int SqliteFull = 13;

    [TmpfsFact]
    public async Task Appends_fail_whole_on_a_full_disk_and_succeed_again_once_space_is_freed()
    {
        using var disk = Tmpfs.Mount(DiskKiB);
        var observer = new RecordingObserver();
        var options = new SqliteStoreOptions { Path = disk.File("chat.db"), ProbeInterval = TimeSpan.FromMilliseconds(50) };
        await using var store = new SqliteChatStore(options, observer);
        await store.InitializeAsync(None).Limited();
        await store.EnsureRoomAsync("lobby", T0, None).Limited();
        var before = await store.AppendAsync([Message("before 1"), Message("before 2")], None).Limited();

        Assert.True(disk.Fill() > 0);

        // Many callers at once: group commit puts them in one or more transactions, and every one fails.
        var failing = Enumerable.Range(0, 20)
            .Select(i => store.AppendAsync([Message($"lost {i}a"), Message($"lost {i}b")], None).AsTask())
            .ToArray();
        foreach (var append in failing)
        {
            var fault = await Assert.ThrowsAsync<StoreUnavailableException>(() => append.Limited());
            Assert.Equal("the database disk is full", fault.Reason);
            Assert.Equal(SqliteFull, Assert.IsType<SqliteException>(fault.InnerException).SqliteErrorCode);
        }

        Assert.Contains(observer.Faults, f => f.Reason == "the database disk is full");
        Assert.False(observer.Recovered.IsCompleted);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.EnsureRoomAsync("new-room", T0, None).Limited());
        Assert.Equal(before, await store.GetRecentAsync("lobby", 100, null, None).Limited()); // reads go on

        disk.Free();
        await observer.Recovered.Limited(); // noticed by the writer's probe: nobody wrote

        var after = await store.AppendAsync([Message("after")], None).Limited();
        Assert.Equal([.. before, .. after], await store.GetRecentAsync("lobby", 100, null, None).Limited());
        Assert.Equal(before[^1].Id + 1, after[0].Id); // the failed transactions took no ids either
        Assert.Equal(["lobby"], await store.ListRoomsAsync(None).Limited());
    }

    [TmpfsFact]
    public async Task Closing_the_store_on_a_full_disk_keeps_every_committed_message()
    {
        using var disk = Tmpfs.Mount(DiskKiB);
        var path = disk.File("chat.db");
        IReadOnlyList<StoredMessage> before;
        await using (var store = new SqliteChatStore(path))
        {
            await store.InitializeAsync(None).Limited();
            before = await store.AppendAsync([Message("kept 1"), Message("kept 2")], None).Limited();
            disk.Fill();
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AppendAsync([Message("lost")], None).Limited());
        }

        // Closing checkpoints the WAL into the database file, which cannot grow now: the WAL stays instead.
        disk.Free();
        await using (var store = new SqliteChatStore(path))
        {
            await store.InitializeAsync(None).Limited();
            Assert.Equal(before, await store.GetRecentAsync("lobby", 100, null, None).Limited());
            await store.AppendAsync([Message("after")], None).Limited();
            Assert.Equal(3, (await store.GetRecentAsync("lobby", 100, null, None).Limited()).Count);
        }
    }

    private static NewMessage Message(string text) => new("lobby", "alice", text, T0);
}
