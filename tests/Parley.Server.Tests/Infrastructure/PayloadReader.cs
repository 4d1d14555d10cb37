using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Reads server payloads from a pipe with the protocol's own frame reader, and keeps every byte received so
/// that tests can check the raw wire (ASCII only, one line per payload, where each payload ends). A client
/// that reads for a long time (the soak test) passes <paramref name="keepRaw"/> false, so memory stays flat.
/// </summary>
public sealed class PayloadReader(PipeReader input, bool keepRaw = true)
{
    private readonly MemoryStream _raw = new();
    private readonly Lock _rawLock = new();
    private long _position;

    /// <summary>The raw bytes of the last payload read, without its newline.</summary>
    public byte[] LastFrame { get; private set; } = [];

    /// <summary>The stream offset just past the last payload read (its newline, when present, is at this offset).</summary>
    public long LastFrameEnd { get; private set; }

    /// <summary>Every byte consumed so far (payloads and the whitespace between them).</summary>
    public byte[] RawReceived
    {
        get
        {
            lock (_rawLock)
            {
                return _raw.ToArray();
            }
        }
    }

    /// <summary>The next payload, or null when the stream ended. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement?> ReadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"No payload within {timeout.TotalSeconds} s. Received so far:\n{Tail()}");
            }

            var buffer = result.Buffer;
            var start = buffer;
            var startOffset = _position;
            var found = JsonFrameReader.TryReadFrame(ref buffer, int.MaxValue, result.IsCompleted, out var frame);
            Consume(start, buffer.Start);
            if (found)
            {
                Assert.True(frame.Kind == JsonFrameKind.Value, $"The server sent bytes that are not JSON:\n{Tail()}");
                LastFrame = frame.Payload.ToArray();
                LastFrameEnd = startOffset + start.Slice(0, frame.Payload.End).Length;
                using var document = JsonDocument.Parse(frame.Payload);
                var payload = document.RootElement.Clone();
                input.AdvanceTo(buffer.Start);
                return payload;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    private void Consume(ReadOnlySequence<byte> buffer, SequencePosition upTo)
    {
        var consumed = buffer.Slice(0, upTo);
        if (keepRaw)
        {
            lock (_rawLock)
            {
                foreach (var segment in consumed)
                {
                    _raw.Write(segment.Span);
                }
            }
        }

        _position += consumed.Length;
    }

    private string Tail()
    {
        var raw = RawReceived;
        return System.Text.Encoding.UTF8.GetString(raw, Math.Max(0, raw.Length - 2000), Math.Min(raw.Length, 2000));
    }
}
