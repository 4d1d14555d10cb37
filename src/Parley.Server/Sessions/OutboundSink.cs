using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Parley.Server.Sessions;

/// <summary>
/// Where a session's bytes go. A session calls <see cref="TryWriteNow"/> from whatever thread produced the
/// payload (a room's pump, a request handler) while nothing is queued, and falls back to its writer task and
/// <see cref="WriteAsync"/> once the transport would wait. Only one caller at a time: the session serialises
/// them under its output lock or by having a single writer task.
/// </summary>
internal abstract class OutboundSink
{
    /// <summary>
    /// Writes as much of <paramref name="data"/> as the transport takes without waiting; returns the number of
    /// bytes taken (0 when it would wait), or -1 when the transport has failed.
    /// </summary>
    public abstract int TryWriteNow(ReadOnlySpan<byte> data);

    /// <summary>Writes all of <paramref name="data"/> as one write, waiting for the transport as long as it needs.</summary>
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data);

    /// <summary>
    /// The sink for a connection: the socket itself for plain TCP, so that a delivery costs one non-blocking
    /// <c>send</c> on the thread that produced it (no queue, no thread hop, no pipe); the connection's pipe for
    /// anything else (TLS, where the bytes must go through the encrypting stream; in-memory test transports).
    /// </summary>
    public static OutboundSink For(ConnectionContext connection)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket
            && connection.Features.Get<ITlsHandshakeFeature>() is null)
        {
            return new SocketSink(socket);
        }

        return new PipeSink(connection.Transport.Output);
    }

    /// <summary>Writes straight to the socket Kestrel accepted; Kestrel still reads from it and closes it.</summary>
    private sealed class SocketSink : OutboundSink
    {
        private readonly Socket _socket;

        public SocketSink(Socket socket)
        {
            _socket = socket;

            // Synchronous sends return WouldBlock instead of waiting; asynchronous ones are unaffected.
            _socket.Blocking = false;
        }

        public override int TryWriteNow(ReadOnlySpan<byte> data)
        {
            int sent;
            SocketError error;
            try
            {
                sent = _socket.Send(data, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                return -1; // Kestrel closed it (an abort) between our check and the send
            }

            return error switch
            {
                SocketError.Success => sent,
                SocketError.WouldBlock => 0,
                _ => -1,
            };
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None);
                data = data[sent..];
            }
        }
    }

    /// <summary>Writes through the connection's output pipe: one flush per write.</summary>
    private sealed class PipeSink(PipeWriter output) : OutboundSink
    {
        public override int TryWriteNow(ReadOnlySpan<byte> data) => 0;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data)
        {
            var result = await output.WriteAsync(data);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new ConnectionAbortedException("The connection's output is closed.");
            }
        }
    }
}
