using System.Diagnostics;
using System.Threading.Channels;

namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    /// <summary>What a batch showed of the storage: the writer probes while the last evidence was a fault.</summary>
    private enum BatchOutcome
    {
        /// <summary>Committed, but it changed nothing (or failed for a reason of its own): no news of the storage.</summary>
        NoEvidence,

        /// <summary>Committed with changes: the storage took them.</summary>
        Written,

        /// <summary>A storage fault (<see cref="StoreUnavailableException"/>).</summary>
        Fault,
    }

    private enum Wake
    {
        Work,
        Probe,
        Closed,
    }

    /// <summary>
    /// The group commit. While one transaction commits, callers keep queueing; the next round takes all of
    /// them (up to the cap) into one transaction. No timer: under light load a message commits at once, under
    /// heavy load batches grow by themselves. After a storage fault (a full disk) every new batch is a fresh
    /// try, and while nothing is queued the writer probes every <see cref="SqliteStoreOptions.ProbeInterval"/>,
    /// so the observer hears of the recovery even when nobody writes.
    /// </summary>
    private async Task RunWriterAsync(SqliteWriter writer)
    {
        using (writer)
        {
            var reader = _queue.Reader;
            var batch = new List<WriteWork>();
            var failing = false;
            while (await WaitAsync(reader, failing) is var wake && wake != Wake.Closed)
            {
                if (wake == Wake.Probe)
                {
                    batch.Add(new ProbeWork());
                }

                var messages = 0;
                while (batch.Count < _options.MaxBatchMessages && reader.TryPeek(out var next)
                    && (batch.Count == 0 || messages + next.MessageCount <= _options.MaxBatchMessages))
                {
                    reader.TryRead(out _);
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Cancel(); // not started: the caller gave up, so it is not written
                        continue;
                    }

                    batch.Add(next);
                    messages += next.MessageCount;
                }

                if (batch.Count > 0)
                {
                    failing = CommitBatch(writer, batch) switch
                    {
                        BatchOutcome.Fault => true,
                        BatchOutcome.Written => false,
                        _ => failing,
                    };
                    batch.Clear();
                }
            }
        }
    }

    /// <summary>Waits for work; while <paramref name="failing"/>, for at most the probe interval.</summary>
    private async ValueTask<Wake> WaitAsync(ChannelReader<WriteWork> reader, bool failing)
    {
        if (!failing)
        {
            return await reader.WaitToReadAsync() ? Wake.Work : Wake.Closed;
        }

        using var probeDue = new CancellationTokenSource(_options.ProbeInterval);
        try
        {
            return await reader.WaitToReadAsync(probeDue.Token) ? Wake.Work : Wake.Closed;
        }
        catch (OperationCanceledException)
        {
            return Wake.Probe;
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

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Fail(failure);
            }
            else
            {
                Interlocked.Add(ref _messagesCommitted, batch[i].MessageCount);
                batch[i].Complete();
            }
        }

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
