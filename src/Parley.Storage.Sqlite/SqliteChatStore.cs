using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The chat's store in one SQLite file (WAL mode). One writer task owns the only write connection and
/// group-commits whatever is queued: many callers' messages in one transaction, one sync per commit. Reads
/// use pooled read-only connections, which WAL lets run beside the writer. Split by family into partial files.
/// </summary>
public sealed partial class SqliteChatStore : IChatStore
{
    private readonly SqliteStoreOptions _options;
    private readonly IStoreWriteObserver? _observer;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly Channel<WriteWork> _queue = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lifecycle = new();
    private Task? _writerTask;
    private Task? _checkpointerTask;
    private readonly CancellationTokenSource _stopCheckpoints = new();
    private bool _disposed;
    private long _transactionsCommitted;
    private long _messagesCommitted;
    private long _checkpoints;

    public SqliteChatStore(string path)
        : this(new SqliteStoreOptions { Path = path })
    {
    }

    /// <param name="options">Where the file is and how it commits.</param>
    /// <param name="observer">Told how writes fare (storage faults, recovery), in commit order.</param>
    public SqliteChatStore(SqliteStoreOptions options, IStoreWriteObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ProbeInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CheckpointInterval, TimeSpan.Zero);
        _options = options;
        _observer = observer;
        var timeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the writer keeps its one connection for the store's lifetime
            DefaultTimeout = timeout,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = timeout,
        }.ToString();
    }

    /// <summary>Transactions the writer has committed (a diagnostic: group commit makes it far below the messages).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>Messages the writer has committed.</summary>
    public long MessagesCommitted => Interlocked.Read(ref _messagesCommitted);

    /// <summary>Background checkpoints run so far (see <see cref="SqliteStoreOptions.CheckpointInterval"/>).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Opens (or creates) the file, applies the schema migrations and starts the writer.</summary>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writerTask is not null)
            {
                throw new InvalidOperationException("The store is initialized already.");
            }
        }

        // Opening and migrating is blocking file I/O: keep it off the caller's thread.
        var writer = await Task.Run(OpenWriter, cancellationToken);
        lock (_lifecycle)
        {
            if (_disposed)
            {
                writer.Dispose();
                throw new ObjectDisposedException(GetType().FullName);
            }

            _writerTask = Task.Run(() => RunWriterAsync(writer), CancellationToken.None);
            _checkpointerTask = Task.Factory.StartNew(RunCheckpointer, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Stops taking writes, commits everything queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? writerTask;
        Task? checkpointerTask;
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Writer.TryComplete();
            writerTask = _writerTask;
            checkpointerTask = _checkpointerTask;
        }

        await _stopCheckpoints.CancelAsync();
        if (checkpointerTask is not null)
        {
            await checkpointerTask;
        }

        _stopCheckpoints.Dispose();
        if (writerTask is not null)
        {
            await writerTask; // closing the last connection checkpoints what is left and removes the WAL
        }

        // Pooled readers keep the file open until their pool is cleared.
        using var connection = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteWriter OpenWriter()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = WriterPragmas(_options);
                command.ExecuteNonQuery();
            }

            Migrations.Apply(connection);
            return new SqliteWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // WAL: readers never block the writer nor it them, and a commit appends to one file; the checkpoints run
    // on a connection of their own (RunCheckpointerAsync), never inside a commit. synchronous: see
    // SqliteStoreOptions.Synchronous (NORMAL survives a process crash, FULL a power loss too). busy_timeout:
    // another process on the file (a backup, the sqlite3 shell) delays the writer instead of failing it; the
    // readers get the same from the driver, which retries busy statements until DefaultTimeout.
    private static string WriterPragmas(SqliteStoreOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");

    /// <summary>Queues a write for the writer and waits for its commit.</summary>
    private Task<T> WriteAsync<T>(Func<SqliteWriter, T> action, int messageCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var work = new WriteWork<T>(action, messageCount, cancellationToken);
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writerTask is null)
            {
                throw new InvalidOperationException("Call InitializeAsync before using the store.");
            }

            _queue.Writer.TryWrite(work); // unbounded and not completed (checked under the lock): cannot fail
        }

        // Giving up the wait does not withdraw the write once the writer has started it.
        return work.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs a read on a pooled read-only connection; storage faults become <see cref="StoreUnavailableException"/>.</summary>
    private async ValueTask<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writerTask is null)
            {
                throw new InvalidOperationException("Call InitializeAsync before using the store.");
            }
        }

        try
        {
            await using var connection = new SqliteConnection(_readConnectionString);
            await connection.OpenAsync(cancellationToken);
            return read(connection);
        }
        catch (SqliteException ex) when (SqliteFaults.Describe(ex) is { } reason)
        {
            throw new StoreUnavailableException(reason, ex);
        }
    }
}
