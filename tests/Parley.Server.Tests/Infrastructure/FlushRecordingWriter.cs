using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Wraps the server's output pipe and records the stream offset at every flush: a flush is one write to the
/// socket, so a test can check that two payloads never shared one (PROTOCOL.md) without any timing.
/// </summary>
internal sealed class FlushRecordingWriter(PipeWriter inner) : PipeWriter
{
    private readonly ConcurrentQueue<long> _flushEnds = new();
    private long _written;
    private long _lastFlushEnd;

    /// <summary>The offset of the end of each flush that carried bytes, in order.</summary>
    public IReadOnlyCollection<long> FlushEnds => _flushEnds;

    public override void Advance(int bytes)
    {
        _written += bytes;
        inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        // Recorded before the bytes become visible to the reader, so a reader never sees bytes whose flush is unknown.
        if (_written != _lastFlushEnd)
        {
            _lastFlushEnd = _written;
            _flushEnds.Enqueue(_written);
        }

        return inner.FlushAsync(cancellationToken);
    }
}
