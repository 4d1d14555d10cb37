using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Which SQLite errors are faults of the storage (the disk, the file, the machine) rather than of a request:
/// those become <see cref="StoreUnavailableException"/>, so the server answers <c>store_unavailable</c> and
/// turns not ready, instead of treating them as bugs. Anything else (a constraint, a bad parameter) passes as is.
/// </summary>
internal static class SqliteFaults
{
    // Primary result codes (https://sqlite.org/rescode.html); SqliteErrorCode is the primary one.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int ReadOnly = 8;
    private const int IOError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    /// <summary>The storage fault <paramref name="exception"/> stands for, as people should read it; null when it is none.</summary>
    public static string? Describe(Exception exception) => exception is not SqliteException sqlite ? null : sqlite.SqliteErrorCode switch
    {
        Full => "the database disk is full",
        IOError => "the database file could not be read or written (I/O error)",
        ReadOnly => "the database file is read-only",
        CannotOpen => "the database file cannot be opened",
        Busy or Locked => "the database file is locked by another program",
        Corrupt or NotADatabase => "the database file is damaged",
        NoMemory => "SQLite ran out of memory",
        _ => null,
    };

    /// <summary><paramref name="exception"/> as a <see cref="StoreUnavailableException"/> when it is a storage fault; else itself.</summary>
    public static Exception Translate(Exception exception)
        => Describe(exception) is { } reason ? new StoreUnavailableException(reason, exception) : exception;
}
