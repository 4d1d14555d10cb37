using System.Buffers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Parley.Server.Sessions;

/// <summary>
/// The output side. While the client keeps up, a payload is written straight away by whoever produced it
/// (a room's pump, a request handler): one non-blocking write, no queue, no thread hop. Once the transport
/// would wait, payloads queue (bounded) and one writer task drains them; with several queued, the client has
/// a backlog and the writer puts them in one write (PROTOCOL.md). Every write happens under
/// <see cref="_outputLock"/> or from the writer task, never both, so payloads never interleave.
/// </summary>
public sealed partial class ChatSession : IThreadPoolWorkItem
{
    // From this many queued payloads on the client has a backlog, and the writer may put several in one
    // write (PROTOCOL.md); below it every payload gets its own write.
    internal const int BacklogThreshold = 4;
    private const int MaxBatchBytes = 64 * 1024;

    private readonly Lock _outputLock = new();
    private readonly Queue<OutboundItem> _outbound = new();
    private readonly TaskCompletionSource _outputDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _queuedPayloads;
    private long _queuedBytes;
    private bool _writing;          // the writer task owns the sink; producers queue behind it
    private bool _outputCompleted;  // nothing more is accepted (closing, or the transport failed)
    private bool _sinkClosed;       // the transport is going away: nothing touches the sink any more
    private bool _overflowed;

    /// <summary>Payloads waiting for this client.</summary>
    public int QueuedPayloads => Volatile.Read(ref _queuedPayloads);

    /// <summary>Bytes waiting for this client (shared broadcast bytes counted for each recipient).</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>
    /// Sends a payload without ever waiting. When the client is too slow to take what is queued for it, it is
    /// disconnected (logged and counted) so that no broadcast ever waits for it.
    /// </summary>
    internal bool TrySend(ReadOnlyMemory<byte> payload) => TryEnqueue(new OutboundItem(payload));

    internal bool TryEnqueue(OutboundItem item)
    {
        bool overflowed;
        int queuedPayloads;
        long queuedBytes;
        lock (_outputLock)
        {
            if (_outputCompleted)
            {
                return false;
            }

            if (!_writing && item.PauseBefore <= TimeSpan.Zero && !item.CloseAfter)
            {
                // Nothing is queued (the queue is empty whenever no writer runs): try the transport now.
                var written = _transport.TryWriteNow(item.Payload.Span);
                if (written == item.Payload.Length)
                {
                    return true;
                }

                if (written < 0)
                {
                    FailOutputLocked();
                    return false;
                }

                if (written > 0)
                {
                    // Half a payload is on the wire: the rest must follow whatever the limits say.
                    EnqueueLocked(item with { Payload = item.Payload[written..] });
                    return true;
                }
            }

            overflowed = _queuedPayloads + item.Count > _server.Options.OutboundQueueLimit
                || _queuedBytes + item.Payload.Length > _server.Options.OutboundQueueMaxBytes;
            if (!overflowed)
            {
                EnqueueLocked(item);
                return true;
            }

            if (_overflowed)
            {
                return false;
            }

            _overflowed = true;
            _outputCompleted = true;
            queuedPayloads = _queuedPayloads;
            queuedBytes = _queuedBytes;
            ClearQueueLocked();
        }

        // Logged before it is counted: whoever sees the count (a test, a scrape) finds the log line already there.
        ServerLog.SlowConsumer(_logger, ConnectionId, Username, queuedPayloads, queuedBytes);
        _server.Counters.SlowConsumerDisconnected();
        StopReading();
        _transport.Abort("Slow consumer: outbound queue full.");
        return false;
    }

    /// <summary>Queues a last payload past the limits (it is small, and nothing follows it).</summary>
    private void EnqueueLast(OutboundItem item)
    {
        lock (_outputLock)
        {
            if (!_outputCompleted)
            {
                EnqueueLocked(item);
                _outputCompleted = true;
            }
        }
    }

    /// <summary>No more payloads: what is queued is still written; <see cref="_outputDrained"/> completes after.</summary>
    private void CompleteOutput()
    {
        lock (_outputLock)
        {
            _outputCompleted = true;
            SignalIfDrainedLocked();
        }
    }

    /// <summary>Nothing touches the transport after this returns (its owner is about to close it).</summary>
    private void CloseSink()
    {
        lock (_outputLock)
        {
            _outputCompleted = true;
            _sinkClosed = true;
            ClearQueueLocked();
        }
    }

    private void EnqueueLocked(OutboundItem item)
    {
        _outbound.Enqueue(item);
        _queuedPayloads += item.Count;
        _queuedBytes += item.Payload.Length;
        if (!_writing)
        {
            _writing = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void ClearQueueLocked()
    {
        _outbound.Clear();
        _outbound.TrimExcess();
        _queuedPayloads = 0;
        _queuedBytes = 0;
        SignalIfDrainedLocked();
    }

    private void FailOutputLocked()
    {
        _outputCompleted = true;
        ClearQueueLocked();
        StopReading();
    }

    private void SignalIfDrainedLocked()
    {
        if (_outputCompleted && !_writing && _outbound.Count == 0)
        {
            _outputDrained.TrySetResult();
        }
    }

    /// <summary>Starts the writer on the thread pool; the session is its own work item, so starting one allocates nothing.</summary>
    void IThreadPoolWorkItem.Execute() => _ = WriteLoopAsync();

    /// <summary>The writer: drains the queue, one payload per write unless the client has a backlog.</summary>
    private async Task WriteLoopAsync()
    {
        byte[]? batch = null;
        var closeAfter = false;
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> data;
                TimeSpan pause;
                lock (_outputLock)
                {
                    if (_sinkClosed || !_outbound.TryDequeue(out var item))
                    {
                        break;
                    }

                    pause = item.PauseBefore;
                    closeAfter = item.CloseAfter;
                    _queuedPayloads -= item.Count;
                    _queuedBytes -= item.Payload.Length;
                    data = item.Payload;
                    if (pause <= TimeSpan.Zero && !closeAfter && _queuedPayloads + item.Count >= BacklogThreshold)
                    {
                        batch ??= ArrayPool<byte>.Shared.Rent(MaxBatchBytes);
                        data = TakeBatchLocked(item, batch);
                    }
                }

                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, _server.Clock);
                }

                await _transport.WriteAsync(data);
                if (closeAfter)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Expected teardown: the connection was aborted or the peer reset it while we were writing.
            closeAfter = true;
        }
        catch (Exception ex)
        {
            ServerLog.UnexpectedError(_logger, ConnectionId, ex);
            closeAfter = true;
            _transport.Abort("Unexpected error while writing.");
        }
        finally
        {
            if (batch is not null)
            {
                ArrayPool<byte>.Shared.Return(batch);
            }

            lock (_outputLock)
            {
                _writing = false;
                if (closeAfter)
                {
                    _outputCompleted = true;
                    ClearQueueLocked();
                }
                else if (_outbound.Count > 0 && !_sinkClosed)
                {
                    // A payload arrived between the last dequeue and here: keep writing.
                    _writing = true;
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                }

                SignalIfDrainedLocked();
            }

            if (closeAfter)
            {
                StopReading();
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="first"/> and the payloads queued behind it into <paramref name="batch"/>, up to
    /// its size, stopping before any that must pause or close.
    /// </summary>
    private ReadOnlyMemory<byte> TakeBatchLocked(OutboundItem first, byte[] batch)
    {
        if (first.Payload.Length > batch.Length)
        {
            return first.Payload;
        }

        first.Payload.Span.CopyTo(batch);
        var length = first.Payload.Length;
        while (_outbound.TryPeek(out var next)
            && next.PauseBefore <= TimeSpan.Zero
            && !next.CloseAfter
            && length + next.Payload.Length <= batch.Length)
        {
            _outbound.Dequeue();
            _queuedPayloads -= next.Count;
            _queuedBytes -= next.Payload.Length;
            next.Payload.Span.CopyTo(batch.AsSpan(length));
            length += next.Payload.Length;
        }

        return batch.AsMemory(0, length);
    }
}
