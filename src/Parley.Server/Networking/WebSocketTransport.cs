using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Parley.Protocol;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// A WebSocket as a transport (<c>/ws</c>, the web client's connection). The protocol is the same; only the
/// framing differs: each text message the browser sends is a payload (one that is not whole JSON is answered
/// with <c>bad_json</c> at once, never completed by the next message), and each payload the server writes goes out as one text message
/// without its newline, also when the writer hands over a backlog of several in one write.
/// </summary>
internal sealed class WebSocketTransport : ChatTransport
{
    // A byte no JSON text starts with, on a line of its own: the session's reader reports it as not JSON.
    private static ReadOnlySpan<byte> NotJson => "\u0001\n"u8;

    private readonly WebSocket _socket;
    private readonly Pipe _input;
    private readonly int _maxFrameBytes;

    public WebSocketTransport(WebSocket socket, string connectionId, EndPoint? remoteEndPoint, int maxFrameBytes)
    {
        _socket = socket;
        ConnectionId = connectionId;
        RemoteEndPoint = remoteEndPoint;
        _maxFrameBytes = maxFrameBytes;

        // Past the frame limit the session stops reading and closes; the pipe only has to hold that much.
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: maxFrameBytes + 1, resumeWriterThreshold: maxFrameBytes / 2 + 1, useSynchronizationContext: false));
    }

    public override string ConnectionId { get; }

    public override EndPoint? RemoteEndPoint { get; }

    public override PipeReader Input => _input.Reader;

    // A WebSocket send is asynchronous only: every payload goes through the session's writer.
    public override int TryWriteNow(ReadOnlySpan<byte> data) => 0;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var end = data.Span.IndexOf((byte)'\n');
            var payload = end < 0 ? data : data[..end];
            data = end < 0 ? default : data[(end + 1)..];
            if (payload.IsEmpty)
            {
                continue;
            }

            try
            {
                await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            catch (WebSocketException ex)
            {
                // The browser went away (or we aborted): the same teardown as a reset socket.
                throw new ConnectionResetException(ex.Message, ex);
            }
        }
    }

    // Pending sends and receives fail at once.
    public override void Abort(string reason) => _socket.Abort();

    /// <summary>
    /// Runs the connection: the session over this transport, then a close message to the browser, and the end
    /// of its side (briefly: a browser that does not answer the close is cut off after <paramref name="closeTimeout"/>).
    /// </summary>
    public async Task RunAsync(ChatConnectionHandler handler, TimeSpan closeTimeout)
    {
        var receiving = ReceiveAsync();
        try
        {
            await handler.RunAsync(this);
        }
        finally
        {
            using var cancel = new CancellationTokenSource(closeTimeout);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancel.Token);
                }

                await receiving.WaitAsync(cancel.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                Abort("The browser did not close its side.");
            }

            await receiving;
            await _input.Reader.CompleteAsync();
        }
    }

    /// <summary>
    /// Copies the browser's messages into the input until it closes its side (the input then ends, as a
    /// TCP FIN does) or the connection fails (the input fails with the reason).
    /// </summary>
    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        var message = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        var passThrough = false; // this message is over the frame limit: its bytes go on raw, and the session closes
        try
        {
            while (true)
            {
                if (!passThrough && length == message.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(message.Length * 2);
                    message.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(message);
                    message = bigger;
                }

                var target = passThrough ? writer.GetMemory(4096) : message.AsMemory(length);
                var result = await _socket.ReceiveAsync(target, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (passThrough)
                {
                    writer.Advance(result.Count);
                }
                else
                {
                    length += result.Count;
                    if (length > _maxFrameBytes)
                    {
                        writer.Write(message.AsSpan(0, length));
                        length = 0;
                        passThrough = true;
                    }
                }

                if (result.EndOfMessage)
                {
                    if (passThrough)
                    {
                        writer.Write("\n"u8);
                        passThrough = false;
                    }
                    else
                    {
                        WriteMessage(writer, message.AsMemory(0, length));
                        length = 0;
                    }
                }

                var flush = await writer.FlushAsync();
                if (flush.IsCompleted)
                {
                    break; // the session stopped reading
                }
            }

            await writer.CompleteAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or ConnectionResetException)
        {
            await writer.CompleteAsync(new ConnectionAbortedException("The WebSocket connection failed.", ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>
    /// Passes one whole message on, one line per JSON value in it. A message is a payload: what in it is not
    /// a whole JSON value (<c>{"request": "lo</c>) must not wait for the next message to complete it, as it
    /// would on a byte stream, so it goes on as one line of garbage and the session answers it with one
    /// <c>bad_json</c>, as it would a garbage line on TCP.
    /// </summary>
    private void WriteMessage(PipeWriter writer, ReadOnlyMemory<byte> message)
    {
        var rest = new ReadOnlySequence<byte>(message);
        while (JsonFrameReader.TryReadFrame(ref rest, _maxFrameBytes, isCompleted: true, out var frame))
        {
            if (frame.Kind == JsonFrameKind.Value)
            {
                foreach (var segment in frame.Payload)
                {
                    writer.Write(segment.Span);
                }

                writer.Write("\n"u8);
            }
            else
            {
                writer.Write(NotJson);
            }
        }
    }
}
