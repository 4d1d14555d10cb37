namespace Parley.Storage.Sqlite;

/// <summary>Where the SQLite store keeps its file and how it commits. Defaults suit one chat server.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file; created with its schema when missing.</summary>
    public string Path { get; init; } = "parley.db";

    /// <summary>
    /// <see cref="SqliteSynchronous.Normal"/> by default: in WAL mode it keeps every commit across a crash of
    /// the server process, which is what "no acknowledged message is lost" asks of a chat server; use
    /// <see cref="SqliteSynchronous.Full"/> to survive power loss as well, at the price of an fsync per commit.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>
    /// The most messages one group commit takes (a single larger append still goes in whole). 1 turns group
    /// commit off (one transaction per caller): a baseline for benchmarks, not for production.
    /// </summary>
    public int MaxBatchMessages { get; init; } = 1000;

    /// <summary>How long a connection waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While writes fail because of the storage (a full disk), how long the writer waits with nothing to write
    /// before it tries a tiny write of its own, so that recovery is noticed even when nobody writes.
    /// </summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a background connection copies committed pages from the WAL into the database file (a
    /// passive checkpoint, only when something was committed since the last). SQLite's own automatic
    /// checkpoint runs inside a commit, with an fsync, and stalled every message behind it for tens of ms.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);
}
