using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The schema, as ordered scripts: script i takes a database from version i to i + 1 (<c>PRAGMA
/// user_version</c>). Never edit a script that has shipped; add the next one. Each runs in its own
/// transaction, so a crash mid-migration leaves the previous version intact.
/// </summary>
internal static class Migrations
{
    /// <summary>Names compare with NOCASE, which folds ASCII only: enough, as user and room names are ASCII.</summary>
    public static readonly string[] Scripts =
    [
        // 1: the first schema: room messages only.
        """
        CREATE TABLE messages (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            room      TEXT NOT NULL COLLATE NOCASE,
            sender    TEXT NOT NULL,
            text      TEXT NOT NULL,
            timestamp TEXT NOT NULL
        );
        """,

        // 2: rooms, accounts, bans, the audit log; direct messages (room becomes nullable, so the table is
        // rebuilt, keeping ids and the AUTOINCREMENT high-water mark) and deletion.
        """
        CREATE TABLE messages_v2 (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            room      TEXT COLLATE NOCASE,
            sender    TEXT NOT NULL,
            recipient TEXT COLLATE NOCASE,
            text      TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            deleted   INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO messages_v2 (id, room, sender, text, timestamp)
            SELECT id, room, sender, text, timestamp FROM messages ORDER BY id;
        UPDATE sqlite_sequence
            SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('messages', 'messages_v2'))
            WHERE name = 'messages_v2';
        DROP TABLE messages;
        ALTER TABLE messages_v2 RENAME TO messages;
        CREATE INDEX messages_room_id ON messages (room, id);

        CREATE TABLE rooms (
            name       TEXT PRIMARY KEY COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        INSERT OR IGNORE INTO rooms (name, created_at)
            SELECT room, timestamp FROM messages
            WHERE id IN (SELECT min(id) FROM messages WHERE room IS NOT NULL GROUP BY room) ORDER BY id;

        CREATE TABLE accounts (
            name          TEXT PRIMARY KEY COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            is_moderator  INTEGER NOT NULL,
            created_at    TEXT NOT NULL
        );

        CREATE TABLE bans (
            name      TEXT PRIMARY KEY COLLATE NOCASE,
            address   TEXT,
            reason    TEXT,
            banned_by TEXT NOT NULL,
            at        TEXT NOT NULL
        );

        CREATE TABLE audit (
            id     INTEGER PRIMARY KEY AUTOINCREMENT,
            at     TEXT NOT NULL,
            actor  TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT
        );
        """,

        // 3: one row the writer rewrites while writes fail (a full disk), to notice when they work again
        // without waiting for a user's write (SqliteChatStore.RunWriterAsync). It holds nothing else.
        """
        CREATE TABLE write_probe (
            id        INTEGER PRIMARY KEY CHECK (id = 1),
            probed_at TEXT NOT NULL
        );
        """,
    ];

    public static int LatestVersion => Scripts.Length;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; refuses one made by a newer Parley.</summary>
    public static void Apply(SqliteConnection connection)
    {
        while (true)
        {
            // BEGIN IMMEDIATE takes the write lock before reading the version, so two processes starting on
            // the same file cannot both apply the same step.
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = ReadVersion(connection, transaction);
            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database is at schema version {version}, newer than this Parley knows ({LatestVersion}). Use a newer Parley or another file.");
            }

            if (version == LatestVersion)
            {
                return;
            }

            Execute(connection, transaction, Scripts[(int)version]);
            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version + 1};"));
            transaction.Commit();
        }
    }

    public static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
