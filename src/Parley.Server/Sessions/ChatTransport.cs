using System.IO.Pipelines;
using System.Net;

namespace Parley.Server.Sessions;

/// <summary>
/// The connection under a session: where its bytes come from, where they go, how to cut it. A session knows
/// this and nothing else of the network, so the same session serves our own TCP listener, Kestrel's
/// connections (TLS, in-memory test pipes) and WebSockets.
/// </summary>
/// <remarks>
/// Writes come from one caller at a time: the session serialises them under its output lock or by having a
/// single writer task. <see cref="TryWriteNow"/> is called from whatever thread produced the payload (a room's
/// pump, a request handler) while nothing is queued; the writer task falls back to <see cref="WriteAsync"/>.
/// </remarks>
public abstract class ChatTransport
{
    /// <summary>A short identifier for logs, unique in this process.</summary>
    public abstract string ConnectionId { get; }

    /// <summary>The peer's address, or null when the transport has none (an in-memory pipe).</summary>
    public abstract EndPoint? RemoteEndPoint { get; }

    /// <summary>
    /// The bytes the client sends. Cancelling a pending read ends the input for good: a session only does it
    /// when it stops reading.
    /// </summary>
    public abstract PipeReader Input { get; }

    /// <summary>
    /// Writes as much of <paramref name="data"/> as the transport takes without waiting; returns the number of
    /// bytes taken (0 when it would wait, or cannot write without waiting at all), or -1 when the transport has failed.
    /// </summary>
    public abstract int TryWriteNow(ReadOnlySpan<byte> data);

    /// <summary>
    /// Writes all of <paramref name="data"/> (one or more whole payloads) as one write, waiting for the
    /// transport as long as it needs.
    /// </summary>
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Cuts the connection now: pending reads and writes fail, nothing queued is sent.</summary>
    public abstract void Abort(string reason);
}
