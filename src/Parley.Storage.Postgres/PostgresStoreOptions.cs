using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>Which PostgreSQL database the store uses and how it commits. Defaults suit a few chat nodes.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>
    /// An Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=parley;Password=...;Database=parley</c>.
    /// The database must exist; the store creates its tables in it (in the first schema of the search path).
    /// Pooling, timeouts, TLS and keepalives are the connection string's to set (Npgsql's defaults otherwise).
    /// </summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// The most messages one group commit takes (a single larger append still goes in whole). 1 turns group
    /// commit off (one transaction per caller): a baseline for benchmarks, not for production.
    /// </summary>
    public int MaxBatchMessages { get; init; } = 1000;

    /// <summary>
    /// While writes fail (PostgreSQL down or unreachable, its disk full), how long the writer waits with nothing
    /// to write before it tries a tiny write of its own, so that recovery is noticed even when nobody writes.
    /// </summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a batch is run again when PostgreSQL aborted it for a deadlock or a serialization failure
    /// (another node's transaction took the same rows in another order). Such a batch changed nothing, so it is
    /// safe to repeat; after the last try its callers get the error.
    /// </summary>
    public int MaxConflictRetries { get; init; } = 3;

    /// <summary>
    /// Throws <see cref="ArgumentException"/>, saying what is wrong, when <see cref="ConnectionString"/> is empty or
    /// cannot be read (a misspelt keyword, a bad value). Connects to nothing: for checking settings at start-up.
    /// </summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        _ = new NpgsqlConnectionStringBuilder(ConnectionString);
    }
}
