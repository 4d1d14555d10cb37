using System.Diagnostics;

namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    private const string WorkSavepoint = "work";

    /// <summary>
    /// The group commit (<see cref="GroupCommit"/>, as in the SQLite store). After a storage fault (PostgreSQL
    /// down) every new batch is a fresh try on a fresh connection.
    /// </summary>
    private Task RunWriterAsync() => GroupCommit.RunAsync(_queue.Reader, _options.MaxBatchMessages, _options.ProbeInterval,
        () => new ProbeWork(), async batch => await CommitBatchAsync(batch));

    /// <summary>
    /// One transaction for the whole batch; the appends in it insert their messages with one statement. With
    /// several callers each other write runs under a savepoint, so one caller's failed statement undoes only
    /// that caller's write (and should the shared insert fail for one caller's message, the batch runs again with
    /// each append on its own). A batch that cannot commit fails every caller in it and nothing of it is
    /// stored; the writer goes on with the next one. Before that it runs the batch again when that is safe
    /// and may help: PostgreSQL aborted it for a conflict with another node's transaction, or its pooled
    /// connection turned out dead (PostgreSQL restarted meanwhile) before COMMIT was sent. Storage faults reach
    /// the callers as <see cref="StoreUnavailableException"/>, and the observer hears the outcome first, so a
    /// caller told of a fault finds the server not ready already.
    /// </summary>
    private async Task<BatchOutcome> CommitBatchAsync(List<WriteWork> batch)
    {
        var together = batch.Count(w => w is AppendWork) > 1;
        var conflicts = 0;
        var reconnected = false;
        while (true)
        {
            var failures = new Exception?[batch.Count];
            var reused = _writer is not null;
            var commitSent = false;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var writer = _writer ??= await PostgresWriter.OpenAsync(_dataSource, CancellationToken.None);
                var changesBefore = writer.Changes;
                await writer.BeginAsync();
                if (together)
                {
                    await InsertTogetherAsync(writer, batch);
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    if (together && batch[i] is AppendWork)
                    {
                        continue;
                    }

                    failures[i] = await ExecuteAsync(writer, batch[i], alone: batch.Count == 1);
                }

                commitSent = true;
                await writer.CommitAsync();
                return Committed(batch, failures, started, changed: writer.Changes != changesBefore);
            }
            catch (Exception ex)
            {
                var broken = await RollBackAsync();
                if (together && !broken && PostgresFaults.Describe(ex) is null && !PostgresFaults.IsConflict(ex))
                {
                    together = false; // one caller's message: each append on its own, under its savepoint
                    continue;
                }

                if (PostgresFaults.IsConflict(ex) && conflicts++ < _options.MaxConflictRetries)
                {
                    continue;
                }

                if (broken && reused && !commitSent && !reconnected)
                {
                    reconnected = true; // nothing was committed on the dead connection: try once on a new one
                    continue;
                }

                return Failed(batch, ex);
            }
        }
    }

    /// <summary>All the batch's appends in one statement; ids ascend across them in queue order.</summary>
    private static async Task InsertTogetherAsync(PostgresWriter writer, List<WriteWork> batch)
    {
        var appends = batch.OfType<AppendWork>().ToArray();
        var ids = await writer.InsertMessagesAsync([.. appends.SelectMany(a => a.Messages)]);
        var offset = 0;
        foreach (var append in appends)
        {
            append.Assign(ids.AsSpan(offset, append.MessageCount));
            offset += append.MessageCount;
        }
    }

    /// <summary>
    /// Runs one write; when it is not <paramref name="alone"/> in its batch, under a savepoint, so that its
    /// failure (returned) undoes only its own statements. Storage faults, conflicts and a lost connection fail
    /// the whole batch instead (thrown).
    /// </summary>
    private static async Task<Exception?> ExecuteAsync(PostgresWriter writer, WriteWork work, bool alone)
    {
        if (alone)
        {
            await work.ExecuteAsync(writer); // a failure fails the transaction: no savepoint needed
            return null;
        }

        await writer.SaveAsync(WorkSavepoint);
        try
        {
            await work.ExecuteAsync(writer);
            await writer.ReleaseAsync(WorkSavepoint);
            return null;
        }
        catch (Exception ex) when (writer.IsOpen && PostgresFaults.Describe(ex) is null && !PostgresFaults.IsConflict(ex))
        {
            // If this throws too, the batch fails.
            await writer.RollBackToAsync(WorkSavepoint);
            await writer.ReleaseAsync(WorkSavepoint);
            return ex;
        }
    }

    private BatchOutcome Committed(List<WriteWork> batch, Exception?[] failures, long started, bool changed)
    {
        Interlocked.Increment(ref _transactionsCommitted);
        _observer?.OnCommitted(Stopwatch.GetElapsedTime(started));
        if (changed)
        {
            _observer?.OnWriteSucceeded();
        }

        GroupCommit.Settle(batch, failures, ref _messagesCommitted);

        return changed ? BatchOutcome.Written : BatchOutcome.NoEvidence;
    }

    private BatchOutcome Failed(List<WriteWork> batch, Exception exception)
    {
        var error = PostgresFaults.Translate(exception);
        if (error is StoreUnavailableException fault)
        {
            _observer?.OnWriteFailed(fault);
        }

        foreach (var work in batch)
        {
            work.Fail(error);
        }

        return error is StoreUnavailableException ? BatchOutcome.Fault : BatchOutcome.NoEvidence;
    }

    /// <summary>
    /// Ends a failed transaction. Returns true when the writer's connection is broken: it is thrown away (a
    /// dead connection is never used again) and so are the pool's idle ones, which PostgreSQL most likely
    /// closed as well (a restart); the next batch opens a new connection.
    /// </summary>
    private async Task<bool> RollBackAsync()
    {
        if (_writer is not { } writer)
        {
            return false; // the connection could not be opened
        }

        await writer.RollBackAsync();
        if (writer.IsOpen)
        {
            return false;
        }

        _writer = null;
        await writer.DisposeAsync();
        _dataSource.Clear();
        return true;
    }
}
