namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    /// <summary>
    /// The group commit. While one transaction commits, callers keep queueing; the next round takes all of
    /// them (up to the cap) into one transaction. No timer: under light load a message commits at once, under
    /// heavy load batches grow by themselves.
    /// </summary>
    private async Task RunWriterAsync(SqliteWriter writer)
    {
        using (writer)
        {
            var reader = _queue.Reader;
            var batch = new List<WriteWork>();
            while (await reader.WaitToReadAsync())
            {
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
                    CommitBatch(writer, batch);
                    batch.Clear();
                }
            }
        }
    }

    /// <summary>
    /// One transaction for the whole batch. With several callers each runs under a savepoint, so one
    /// caller's failed statement undoes only that caller's write. If the transaction itself fails (BEGIN,
    /// COMMIT, or an error after which SQLite rolled everything back, such as a full disk), every caller in
    /// the batch gets the exception and nothing of the batch is stored; the writer goes on with the next one.
    /// </summary>
    private void CommitBatch(SqliteWriter writer, List<WriteWork> batch)
    {
        var failures = new Exception?[batch.Count];
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
                        failures[i] = ex;
                    }
                }
            }

            writer.Execute("COMMIT;");
        }
        catch (Exception ex)
        {
            RollBack(writer);
            foreach (var work in batch)
            {
                work.Fail(ex);
            }

            return;
        }

        Interlocked.Increment(ref _transactionsCommitted);
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
