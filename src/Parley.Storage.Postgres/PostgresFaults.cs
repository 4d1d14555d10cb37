using System.Net.Sockets;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// Which errors are faults of the database server or the way to it (down, unreachable, shutting down, out of
/// disk or memory) rather than of a request: those become <see cref="StoreUnavailableException"/>, so the server
/// answers <c>store_unavailable</c> and turns not ready, instead of treating them as bugs. Anything else (a
/// constraint, a bad parameter) passes as is.
/// </summary>
internal static class PostgresFaults
{
    /// <summary>The storage fault <paramref name="exception"/> stands for, as people should read it; null when it is none.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        PostgresException postgres => DescribeState(postgres.SqlState),
        NpgsqlException { InnerException: SocketException socket } => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "PostgreSQL refuses connections (is it running?)",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the PostgreSQL host name cannot be resolved",
            _ => "PostgreSQL cannot be reached (" + socket.SocketErrorCode + ")",
        },
        NpgsqlException { InnerException: TimeoutException } => "PostgreSQL did not answer in time",
        // The rest of Npgsql's own errors are about the connection: lost mid-way, closed by the server.
        NpgsqlException => "the connection to PostgreSQL was lost",
        _ => null,
    };

    /// <summary><paramref name="exception"/> as a <see cref="StoreUnavailableException"/> when it is a storage fault; else itself.</summary>
    public static Exception Translate(Exception exception)
        => Describe(exception) is { } reason ? new StoreUnavailableException(reason, exception) : exception;

    /// <summary>
    /// A deadlock or a serialization failure: PostgreSQL aborted the transaction because of another one (a
    /// node writing the same rows), not because of the data. The same transaction may simply run again.
    /// </summary>
    public static bool IsConflict(Exception exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    // SQLSTATE codes and classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static string? DescribeState(string state) => state switch
    {
        PostgresErrorCodes.DiskFull => "the database disk is full",
        PostgresErrorCodes.OutOfMemory => "PostgreSQL ran out of memory",
        PostgresErrorCodes.TooManyConnections => "PostgreSQL has no free connection",
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => "PostgreSQL is shutting down",
        PostgresErrorCodes.CannotConnectNow => "PostgreSQL is starting up or shutting down",
        PostgresErrorCodes.ReadOnlySqlTransaction => "the database is read-only (a standby?)",
        PostgresErrorCodes.QueryCanceled => "PostgreSQL cancelled a statement (a statement timeout?)",
        PostgresErrorCodes.LockNotAvailable => "a table is locked by another program (lock timeout)",
        PostgresErrorCodes.InvalidCatalogName => "the database does not exist",
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted => "the database is damaged",
        _ when state.StartsWith("08", StringComparison.Ordinal) => "the connection to PostgreSQL failed",
        _ when state.StartsWith("28", StringComparison.Ordinal) => "PostgreSQL refused the login",
        _ when state.StartsWith("53", StringComparison.Ordinal) => "PostgreSQL ran out of resources",
        _ when state.StartsWith("58", StringComparison.Ordinal) => "PostgreSQL could not read or write its files (I/O error)",
        _ => null,
    };
}
