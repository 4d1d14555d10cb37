using System.Threading.Channels;

namespace Parley.Storage;

/// <summary>
/// The group commit every store's single writer runs. While one transaction commits, callers keep queueing;
/// the next round takes all of them (up to the cap of messages) into one transaction. No timer: under light
/// load a message commits at once, under heavy load batches grow by themselves. After a storage fault every
/// new batch is a fresh try, and while nothing is queued the writer probes every <c>probeInterval</c>, so the
/// store's observer hears of the recovery even when nobody writes.
/// </summary>
public static class GroupCommit
{
    private enum Wake
    {
        Work,
        Probe,
        Closed,
    }

    /// <summary>
    /// Runs until <paramref name="queue"/> is completed and drained, batches of at most
    /// <paramref name="maxBatchMessages"/> messages (a single write may have more), probing every
    /// <paramref name="probeInterval"/> while failing with a write from <paramref name="newProbe"/> (one that may
    /// change nothing); <paramref name="commitAsync"/> runs one batch in one transaction and tells every write
    /// in it how it went.
    /// </summary>
    public static async Task RunAsync<TWrite>(
        ChannelReader<TWrite> queue,
        int maxBatchMessages,
        TimeSpan probeInterval,
        Func<TWrite> newProbe,
        Func<List<TWrite>, ValueTask<BatchOutcome>> commitAsync)
        where TWrite : IQueuedWrite
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(newProbe);
        ArgumentNullException.ThrowIfNull(commitAsync);
        var batch = new List<TWrite>();
        var failing = false;
        while (await WaitAsync(queue, failing, probeInterval) is var wake && wake != Wake.Closed)
        {
            if (wake == Wake.Probe)
            {
                batch.Add(newProbe());
            }

            var messages = 0;
            while (batch.Count < maxBatchMessages && queue.TryPeek(out var next)
                && (batch.Count == 0 || messages + next.MessageCount <= maxBatchMessages))
            {
                queue.TryRead(out _);
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
                failing = await commitAsync(batch) switch
                {
                    BatchOutcome.Fault => true,
                    BatchOutcome.Written => false,
                    _ => failing,
                };
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// After a batch committed: each write hears its own outcome (<paramref name="failures"/>[i], null when it
    /// went in), each committed one counted into <paramref name="messagesCommitted"/> before its caller hears.
    /// </summary>
    public static void Settle<TWrite>(List<TWrite> batch, Exception?[] failures, ref long messagesCommitted)
        where TWrite : IQueuedWrite
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(failures);
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Fail(failure);
            }
            else
            {
                Interlocked.Add(ref messagesCommitted, batch[i].MessageCount);
                batch[i].Complete();
            }
        }
    }

    /// <summary>Waits for work; while <paramref name="failing"/>, for at most the probe interval.</summary>
    private static async ValueTask<Wake> WaitAsync<TWrite>(ChannelReader<TWrite> queue, bool failing, TimeSpan probeInterval)
    {
        if (!failing)
        {
            return await queue.WaitToReadAsync() ? Wake.Work : Wake.Closed;
        }

        using var probeDue = new CancellationTokenSource(probeInterval);
        try
        {
            return await queue.WaitToReadAsync(probeDue.Token) ? Wake.Work : Wake.Closed;
        }
        catch (OperationCanceledException)
        {
            return Wake.Probe;
        }
    }
}
