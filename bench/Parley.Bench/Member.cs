using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Parley.Bench;

/// <summary>
/// One connected room member: logs in, joins, then counts every delivery from another member and records
/// its latency (from the publisher's scheduled send time, written in the text) in the shared recorder.
/// </summary>
internal sealed class Member : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly Dialect _dialect;
    private readonly LatencyRecorder _latency;
    private long _deliveries;
    private long _reads;
    private volatile string? _failure;

    private Member(Socket socket, Dialect dialect, LatencyRecorder latency, int index, string name)
    {
        _socket = socket;
        _dialect = dialect;
        _latency = latency;
        Index = index;
        Name = name;
        _reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: false), new StreamPipeReaderOptions(bufferSize: 64 * 1024));
    }

    public int Index { get; }

    public string Name { get; }

    /// <summary>The publisher number this member ignores deliveries from (its own echo on Parley), or -1.</summary>
    public int PublisherIndex { get; init; } = -1;

    public long Deliveries => Volatile.Read(ref _deliveries);

    /// <summary>Reads that returned data in steady state: deliveries per read tell how the server batches its writes.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>Why this member lost its connection (null while it is fine).</summary>
    public string? Failure => _failure;

    public Socket Socket => _socket;

    public static async Task<Member> ConnectAsync(
        IPEndPoint server, Dialect dialect, LatencyRecorder latency, int index, int publisherIndex, CancellationToken cancellationToken)
    {
        // NoDelay: each request leaves at once (the daemons leave Nagle on for what they send; that is theirs).
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var member = new Member(socket, dialect, latency, index, $"u{index}") { PublisherIndex = publisherIndex };
        try
        {
            await socket.SendAsync(dialect.Hello(member.Name), cancellationToken);
            await member.HandshakeAsync(cancellationToken);
            return member;
        }
        catch
        {
            // A failed login is counted by the caller (the login workload goes on); do not leak its socket.
            await member.DisposeAsync();
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var joined = false;
            while (!joined && TryReadLine(ref buffer, out var line))
            {
                joined = _dialect.OnHandshakeLine(Flatten(line, out var owner), Name, PublisherIndex >= 0, out var reply);
                owner?.Dispose();
                if (reply is { Length: > 0 })
                {
                    await _socket.SendAsync(reply, cancellationToken);
                }
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (joined)
            {
                return;
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException($"{Name}: the server closed the connection during login");
            }
        }
    }

    /// <summary>Reads until the connection ends or the token fires; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cancellationToken);
                // One clock reading per read: every line in this buffer arrived by now.
                var now = Stopwatch.GetTimestamp();
                var buffer = result.Buffer;
                _reads++;
                while (TryReadLine(ref buffer, out var line))
                {
                    var span = Flatten(line, out var owner);
                    switch (_dialect.Classify(span))
                    {
                        case LineKind.Delivery:
                            OnDelivery(span, now);
                            break;
                        case LineKind.Ping:
                            await _socket.SendAsync(_dialect.Pong(span), cancellationToken);
                            break;
                        case LineKind.Fatal:
                            _failure ??= System.Text.Encoding.UTF8.GetString(span);
                            break;
                        default:
                            break;
                    }

                    owner?.Dispose();
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    _failure ??= "the server closed the connection";
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            _failure ??= e.Message;
        }
    }

    private void OnDelivery(ReadOnlySpan<byte> line, long now)
    {
        if (!MessageText.TryParse(line, out var publisher, out var sentTicks) || publisher == PublisherIndex)
        {
            // Parley echoes a message to its sender; IRC does not. Ignore the echo so both count
            // messages x (members - 1).
            return;
        }

        _deliveries++;
        _latency.Record(now - sentTicks);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static ReadOnlySpan<byte> Flatten(in ReadOnlySequence<byte> line, out IMemoryOwner<byte>? owner)
    {
        owner = null;
        if (line.IsSingleSegment)
        {
            return line.FirstSpan;
        }

        owner = MemoryPool<byte>.Shared.Rent((int)line.Length);
        var span = owner.Memory.Span[..(int)line.Length];
        line.CopyTo(span);
        return span;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _socket.Dispose();
    }
}
