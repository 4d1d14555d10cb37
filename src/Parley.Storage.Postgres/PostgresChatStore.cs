using System.Threading.Channels;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// The chat's store in a PostgreSQL database, which several chat nodes may share at once: nothing here assumes
/// it is the only writer (ids come from the database's sequence, nothing is cached). One writer task per store
/// group-commits whatever is queued: many callers' messages in one transaction, one WAL flush per commit. Reads
/// use pooled connections beside it. Split by family into partial files.
/// </summary>
public sealed partial class PostgresChatStore : IChatStore
{
    private readonly PostgresStoreOptions _options;
    private readonly IStoreWriteObserver? _observer;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<WriteWork> _queue = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lifecycle = new();
    private Task? _writerTask;
    private PostgresWriter? _writer;
    private bool _disposed;
    private long _transactionsCommitted;
    private long _messagesCommitted;

    /// <param name="options">Which database, and how the writer commits.</param>
    /// <param name="observer">Told how writes fare (storage faults, recovery), in commit order.</param>
    public PostgresChatStore(PostgresStoreOptions options, IStoreWriteObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ProbeInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxConflictRetries);
        _options = options;
        _observer = observer;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString); // throws on a malformed connection string
    }

    /// <summary>Transactions the writer has committed (a diagnostic: group commit makes it far below the messages).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    /// <summary>Messages the writer has committed.</summary>
    public long MessagesCommitted => Interlocked.Read(ref _messagesCommitted);

    /// <summary>
    /// Connects, applies the schema migrations and starts the writer. Throws
    /// <see cref="StoreUnavailableException"/> when PostgreSQL cannot be reached: a server does not start without its store.
    /// </summary>
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

        PostgresWriter writer;
        try
        {
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            {
                await Migrations.ApplyAsync(connection, cancellationToken);
            }

            writer = await PostgresWriter.OpenAsync(_dataSource, cancellationToken);
        }
        catch (Exception ex) when (PostgresFaults.Describe(ex) is { } reason)
        {
            throw new StoreUnavailableException(reason, ex);
        }

        lock (_lifecycle)
        {
            if (!_disposed)
            {
                _writer = writer;
                _writerTask = Task.Run(RunWriterAsync, CancellationToken.None);
                return;
            }
        }

        await writer.DisposeAsync();
        throw new ObjectDisposedException(GetType().FullName);
    }

    /// <summary>Stops taking writes, commits everything queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? writerTask;
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _queue.Writer.TryComplete();
            writerTask = _writerTask;
        }

        if (writerTask is not null)
        {
            await writerTask;
        }

        if (_writer is { } writer)
        {
            await writer.DisposeAsync();
        }

        await _dataSource.DisposeAsync(); // closes the pooled connections
    }

    /// <summary>Queues a write for the writer and waits for its commit.</summary>
    private Task<T> WriteAsync<T>(Func<PostgresWriter, Task<T>> action, CancellationToken cancellationToken)
    {
        var work = new WriteWork<T>(action, cancellationToken);
        Enqueue(work);
        return work.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(WriteWork work)
    {
        work.CancellationToken.ThrowIfCancellationRequested();
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfNotInitialized();
            _queue.Writer.TryWrite(work); // unbounded and not completed (checked under the lock): cannot fail
        }

        // Giving up the wait (the caller's token) does not withdraw the write once the writer has started it.
    }

    /// <summary>
    /// Runs a read on a pooled connection; storage faults become <see cref="StoreUnavailableException"/>. A read
    /// that found its connection dead (PostgreSQL restarted since it was pooled) runs once more on a new one,
    /// after the pool let go of its other idle connections: reads change nothing, so repeating one is safe.
    /// </summary>
    private async ValueTask<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> readRow, CancellationToken cancellationToken, params object?[] values)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfNotInitialized();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = _dataSource.CreateCommand(sql);
                foreach (var value in values)
                {
                    command.Parameters.Add(PostgresWriter.Parameter(value));
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(readRow(reader));
                }

                return rows;
            }
            catch (Exception ex) when (PostgresFaults.Describe(ex) is { } reason)
            {
                if (attempt == 1 && IsConnectionLoss(ex))
                {
                    _dataSource.Clear();
                    continue;
                }

                throw new StoreUnavailableException(reason, ex);
            }
        }
    }

    /// <summary>The connection died under the statement (as opposed to PostgreSQL refusing it while alive).</summary>
    private static bool IsConnectionLoss(Exception exception) => exception is NpgsqlException and not PostgresException
        || exception is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown }
        || (exception is PostgresException postgres && postgres.SqlState.StartsWith("08", StringComparison.Ordinal));

    private void ThrowIfNotInitialized()
    {
        if (_writerTask is null)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }
}
