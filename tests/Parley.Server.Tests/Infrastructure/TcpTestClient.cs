using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A real TCP client on loopback, reading payloads with the protocol's frame reader.</summary>
public sealed class TcpTestClient : TestClient
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private TcpTestClient(Socket socket, NetworkStream stream, bool keepRawBytes)
        : base(new PayloadReader(PipeReader.Create(stream), keepRawBytes))
    {
        _socket = socket;
        _stream = stream;
    }

    /// <summary>
    /// Connects; a small <paramref name="receiveBufferSize"/> makes a client that does not read fill up quickly;
    /// <paramref name="localAddress"/> picks the address it connects from (Linux routes all of 127/8 to loopback);
    /// <paramref name="keepRawBytes"/> false stops <see cref="PayloadReader.RawReceived"/> growing (long-lived clients).
    /// </summary>
    public static async Task<TcpTestClient> ConnectAsync(EndPoint endPoint, int? receiveBufferSize = null, IPAddress? localAddress = null, bool keepRawBytes = true)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (localAddress is not null)
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
        }

        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(endPoint).WaitAsync(TestTimeouts.Payload);
        return new TcpTestClient(socket, new NetworkStream(socket, ownsSocket: true), keepRawBytes);
    }

    public override async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
        => await _stream.WriteAsync(bytes).AsTask().WaitAsync(TestTimeouts.Payload);

    /// <summary>
    /// Sends; false when the server closed the connection first (a reset or broken pipe), as it does after a
    /// too-large payload, a flood or a slow consumer, so that the rest of a send may never be read.
    /// </summary>
    public async Task<bool> TrySendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await SendRawAsync(bytes);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Closes the sending direction only (a FIN): the server sees the end of the stream, the client still reads.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes the socket with a reset (linger 0), as a crashed client or a pulled cable would.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public override ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
