namespace Parley.Storage.Sqlite;

/// <summary>How hard the writer flushes at each commit (SQLite's <c>PRAGMA synchronous</c>, in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is written at every commit but synced to disk only at checkpoints. A commit survives a crash of
    /// the process (<c>kill -9</c>): the data is in the operating system's cache, which outlives the process.
    /// A power loss or kernel panic may drop the last commits (the file stays consistent).
    /// </summary>
    Normal,

    /// <summary>The WAL is synced at every commit: commits survive power loss too, at the cost of one fsync each.</summary>
    Full,
}
