using Parley.Storage.Sqlite;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    // The first schema as it shipped, written out here rather than taken from the code, so that editing
    // the shipped script by mistake fails this test instead of silently changing what "version 1" means.
    private const string Version1 = """
        CREATE TABLE messages (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            room      TEXT NOT NULL COLLATE NOCASE,
            sender    TEXT NOT NULL,
            text      TEXT NOT NULL,
            timestamp TEXT NOT NULL
        );
        PRAGMA user_version = 1;
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_empty_file_gets_the_latest_schema()
    {
        var path = _directory.File("empty.db");
        File.WriteAllBytes(path, []);

        await using (var store = new SqliteChatStore(path))
        {
            await store.InitializeAsync(None).Limited();
            await store.AppendAsync([new NewMessage("lobby", "alice", "hi", DateTimeOffset.UnixEpoch)], None).Limited();
            await store.EnsureRoomAsync("lobby", DateTimeOffset.UnixEpoch, None).Limited();
        }

        Assert.Equal((long)Migrations.LatestVersion, SqliteFile.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal("wal", SqliteFile.Scalar(path, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_version_1_file_keeps_its_messages_and_gains_the_new_tables()
    {
        var path = _directory.File("v1.db");
        SqliteFile.Execute(path, Version1 + """
            INSERT INTO messages (room, sender, text, timestamp) VALUES ('lobby', 'alice', 'one', '2024-01-01T10:00:00.0000000Z');
            INSERT INTO messages (room, sender, text, timestamp) VALUES ('Games', 'bob', 'two', '2024-01-01T10:00:01.5000000Z');
            INSERT INTO messages (room, sender, text, timestamp) VALUES ('LOBBY', 'carol', 'three', '2024-01-01T10:00:02.0000000Z');
            INSERT INTO messages (room, sender, text, timestamp) VALUES ('lobby', 'dave', 'gone', '2024-01-01T10:00:03.0000000Z');
            DELETE FROM messages WHERE text = 'gone';
            """);

        await using (var store = new SqliteChatStore(path))
        {
            await store.InitializeAsync(None).Limited();

            var lobby = await store.GetRecentAsync("lobby", 10, null, None).Limited();
            Assert.Equal(
                [
                    new StoredMessage(1, "lobby", "alice", "one", new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero)),
                    new StoredMessage(3, "LOBBY", "carol", "three", new DateTimeOffset(2024, 1, 1, 10, 0, 2, TimeSpan.Zero)),
                ],
                lobby);
            Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 1, 500, TimeSpan.Zero), (await store.FindMessageAsync(2, None).Limited())!.Timestamp);

            // Rooms are backfilled from the messages, first spelling first; ids never come back, even the
            // highest one deleted before the upgrade.
            Assert.Equal(["Games", "lobby"], await store.ListRoomsAsync(None).Limited());
            var next = await store.AppendAsync([new NewMessage(null, "bob", "dm", DateTimeOffset.UnixEpoch, To: "alice")], None).Limited();
            Assert.Equal(5, next[0].Id);

            Assert.True(await store.CreateAccountAsync(new Account("alice", "hash", true, DateTimeOffset.UnixEpoch), None).Limited());
            await store.AddBanAsync(new Ban("mallory", null, null, "alice", DateTimeOffset.UnixEpoch), None).Limited();
            await store.AppendAuditAsync(new AuditEntry(DateTimeOffset.UnixEpoch, "alice", "ban", "mallory", null), None).Limited();
            Assert.True(await store.DeleteMessageAsync(1, None).Limited());
            Assert.Single(await store.ListAuditAsync(10, None).Limited());
        }

        Assert.Equal((long)Migrations.LatestVersion, SqliteFile.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(4L, SqliteFile.Scalar(path, "SELECT count(*) FROM messages;"));
    }

    [Fact]
    public async Task A_file_from_a_newer_parley_is_refused_and_left_alone()
    {
        var path = _directory.File("future.db");
        SqliteFile.Execute(path, "CREATE TABLE future (x); PRAGMA user_version = 99;");

        await using (var store = new SqliteChatStore(path))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(None).Limited());
            Assert.Contains("99", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(99L, SqliteFile.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(0L, SqliteFile.Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'messages';"));
    }

    [Fact]
    public async Task Opening_a_current_file_again_changes_nothing()
    {
        var path = _directory.File("twice.db");
        for (var i = 0; i < 2; i++)
        {
            await using var store = new SqliteChatStore(path);
            await store.InitializeAsync(None).Limited();
            await store.AppendAsync([new NewMessage("lobby", "alice", $"m{i}", DateTimeOffset.UnixEpoch)], None).Limited();
        }

        Assert.Equal((long)Migrations.LatestVersion, SqliteFile.Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(2L, SqliteFile.Scalar(path, "SELECT count(*) FROM messages;"));
    }
}
