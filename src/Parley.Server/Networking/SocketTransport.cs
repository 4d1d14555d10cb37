using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// A plain TCP connection accepted by <see cref="TcpChatListener"/>: the socket itself, with nothing between
/// it and the session. A delivery is one non-blocking <c>send</c> on the thread that produced it; the input
/// holds a buffer only while it holds data (<see cref="SocketInput"/>).
/// </summary>
internal sealed class SocketTransport : ChatTransport
{
    // What a close reads and drops at most: a client still sending at full speed gets its reset.
    private const int MaxDiscardBytes = 256 * 1024;

    private readonly Socket _socket;
    private readonly SocketInput _input;

    public SocketTransport(Socket socket, string connectionId)
    {
        _socket = socket;
        _input = new SocketInput(socket);
        ConnectionId = connectionId;

        // Synchronous sends return WouldBlock instead of waiting; asynchronous ones are unaffected.
        socket.Blocking = false;
    }

    public override string ConnectionId { get; }

    public override EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    public override PipeReader Input => _input;

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
            return -1; // aborted between the session's check and the send
        }

        return error switch
        {
            SocketError.Success => sent,
            SocketError.WouldBlock => 0,
            _ => -1,
        };
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    public override void Abort(string reason) => _socket.Dispose();

    /// <summary>The session is over: close both directions and release the socket and any input buffer.</summary>
    public void Close()
    {
        try
        {
            // Requests the session will never read (it closed a flooder, say) are dropped first: closing a socket
            // with unread input sends a reset, which can make the client lose the payloads we sent it last.
            DiscardUnread();
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The peer reset it, or it was aborted: it is closed either way.
        }

        _socket.Dispose();
        _input.Complete();
    }

    private void DiscardUnread()
    {
        Span<byte> scratch = stackalloc byte[1024];
        for (var budget = MaxDiscardBytes; budget > 0 && _socket.Available > 0;)
        {
            var read = _socket.Receive(scratch, SocketFlags.None, out var error);
            if (error != SocketError.Success || read == 0)
            {
                return;
            }

            budget -= read;
        }
    }
}
