using System.Diagnostics;

namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    /// <summary>The group commit (<see cref="GroupCommit"/>), on the writer's connection, closed when the queue is.</summary>
    private async Task RunWriterAsync(SqliteWriter writer)
    {
        using (writer)
        {
            await GroupCommit.RunAsync(_queue.Reader, _options.MaxBatchMessages, _options.ProbeInterval,
                () => new ProbeWork(), batch => ValueTask.FromResult(CommitBatch(writer, batch)));
        }
    }

    /// <summary>
    /// One transaction for the whole batch. With several callers each runs under a savepoint, so one
    /// caller's failed statement undoes only that caller's write. If the transaction itself fails (BEGIN,
    /// COMMIT, or an error after which SQLite rolled everything back, such as a full disk), every caller in
    /// the batch gets the exception and nothing of the batch is stored; the writer goes on with the next one.
    /// Storage faults reach the callers as <see cref="StoreUnavailableException"/>, and the observer hears
    /// the outcome first, so a caller told of a fault finds the server not ready already.
    /// </summary>
    private BatchOutcome CommitBatch(SqliteWriter writer, List<WriteWork> batch)
    {
        var failures = new Exception?[batch.Count];
        var changesBefore = writer.TotalChanges;
        var started = Stopwatch.GetTimestamp();
        StoreUnavailableException? fault = null;
        try
        {
            writer.Execute("BEGIN IMMEDIATE;");
            if (batch.Count == 1)
            {
                batch[0].Execute(writer); // a failure fails the transaction: no savepoint needed
            }
            else
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    writer.Execute("SAVEPOINT work;");
                    try
                    {
                        batch[i].Execute(writer);
                        writer.Execute("RELEASE work;");
                    }
                    catch (Exception ex) when (writer.InTransaction)
                    {
                        // If this throws too, the outer handler fails the whole batch.
                        writer.Execute("ROLLBACK TO work;");
                        writer.Execute("RELEASE work;");
                        failures[i] = SqliteFaults.Translate(ex);
                        fault ??= failures[i] as StoreUnavailableException;
                    }
                }
            }

            writer.Execute("COMMIT;");
        }
        catch (Exception ex)
        {
            RollBack(writer);
            var error = SqliteFaults.Translate(ex);
            if (error is StoreUnavailableException batchFault)
            {
                _observer?.OnWriteFailed(batchFault);
            }

            foreach (var work in batch)
            {
                work.Fail(error);
            }

            return error is StoreUnavailableException ? BatchOutcome.Fault : BatchOutcome.NoEvidence;
        }

        Interlocked.Increment(ref _transactionsCommitted);
        _observer?.OnCommitted(Stopwatch.GetElapsedTime(started));
        var outcome = fault is not null ? BatchOutcome.Fault
            : writer.TotalChanges != changesBefore ? BatchOutcome.Written
            : BatchOutcome.NoEvidence;
        if (fault is not null)
        {
            _observer?.OnWriteFailed(fault);
        }
        else if (outcome == BatchOutcome.Written)
        {
            _observer?.OnWriteSucceeded();
        }

        GroupCommit.Settle(batch, failures, ref _messagesCommitted);

        return outcome;
    }

    private static void RollBack(SqliteWriter writer)
    {
        if (!writer.InTransaction)
        {
            return; // never begun, or SQLite rolled it back already
        }

        try
        {
            writer.Execute("ROLLBACK;");
        }
        catch (Exception)
        {
            // The connection is in trouble (I/O error); the next BEGIN will tell its callers.
        }
    }
}
