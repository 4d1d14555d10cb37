using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Parley.Server.Sessions;

public sealed partial class ChatSession
{
    // Beyond this many queued payloads the client has a backlog, and the writer may put several in one write
    // (PROTOCOL.md); below it every payload gets its own write.
    private const int BacklogThreshold = 4;
    private const int MaxBatchBytes = 64 * 1024;

    private readonly Channel<OutboundItem> _outbound;
    private int _overflowed;
    private long _queuedBytes;

    private static Channel<OutboundItem> CreateOutboundQueue(int limit) => Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(limit)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait, // never used for waiting: writers call TryWrite only
    });

    /// <summary>Payloads waiting for this client.</summary>
    public int QueuedPayloads => _outbound.Reader.Count;

    /// <summary>Bytes waiting for this client (shared broadcast bytes counted for each recipient).</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>
    /// Queues a payload without ever waiting. When the queue is full the client is too slow: it is
    /// disconnected (logged and counted) so that no broadcast ever waits for it.
    /// </summary>
    internal bool TrySend(ReadOnlyMemory<byte> payload) => TryEnqueue(new OutboundItem(payload));

    internal bool TryEnqueue(OutboundItem item)
    {
        // Counted before the write so that the writer, which subtracts after sending, never sees it negative.
        var length = item.Payload.Length;
        var queuedBytes = Interlocked.Add(ref _queuedBytes, length);
        if (queuedBytes <= _server.Options.OutboundQueueMaxBytes && _outbound.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Add(ref _queuedBytes, -length);
        if (!_closeRequested && Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _server.Counters.SlowConsumerDisconnected();
            ServerLog.SlowConsumer(_logger, ConnectionId, Username, _outbound.Reader.Count, queuedBytes);
            _closeRequested = true;
            _outbound.Writer.TryComplete();
            _connection.Abort(new ConnectionAbortedException("Slow consumer: outbound queue full."));
        }

        return false;
    }

    /// <summary>Queues a last payload past the limits (it is small, and nothing follows it).</summary>
    private void EnqueueLast(OutboundItem item)
    {
        Interlocked.Add(ref _queuedBytes, item.Payload.Length);
        if (!_outbound.Writer.TryWrite(item))
        {
            Interlocked.Add(ref _queuedBytes, -item.Payload.Length);
        }
    }

    /// <summary>The single writer: one payload per write while the client keeps up, batches only on a backlog.</summary>
    private async Task WriteLoopAsync()
    {
        var output = _connection.Transport.Output;
        var queue = _outbound.Reader;
        try
        {
            while (await queue.WaitToReadAsync())
            {
                var pending = 0L;
                while (queue.TryRead(out var item))
                {
                    if (item.PauseBefore > TimeSpan.Zero)
                    {
                        await FlushAsync(output, pending);
                        pending = 0;
                        await Task.Delay(item.PauseBefore, _server.Clock);
                    }

                    output.Write(item.Payload.Span);
                    pending += item.Payload.Length;
                    Interlocked.Add(ref _queuedBytes, -item.Payload.Length);
                    if (item.CloseAfter)
                    {
                        await output.FlushAsync();
                        return;
                    }

                    if (queue.Count < BacklogThreshold || pending >= MaxBatchBytes)
                    {
                        await output.FlushAsync();
                        pending = 0;
                    }
                }

                await FlushAsync(output, pending);
            }
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Expected teardown: the connection was aborted or the peer reset it while we were writing.
        }
        finally
        {
            _closeRequested = true;
            _connection.Transport.Input.CancelPendingRead();
        }
    }

    private static ValueTask<FlushResult> FlushAsync(PipeWriter output, long pending)
        => pending > 0 ? output.FlushAsync() : ValueTask.FromResult(default(FlushResult));
}
