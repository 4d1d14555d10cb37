using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Networking;

/// <summary>
/// The plain TCP listener: one accept loop, and each accepted socket becomes a <see cref="SocketTransport"/>
/// run by <see cref="ChatConnectionHandler"/> on the thread pool. Kestrel serves HTTP, WebSocket and TLS; plain
/// connections come here because Kestrel's per-connection machinery (two pipes, socket event args for each
/// direction, a feature collection, its connection manager's entry: about 3.3 KB) costs more than everything
/// of ours, and an idle chat connection should cost little more than its socket (docs/PERFORMANCE.md).
/// </summary>
internal sealed class TcpChatListener(
    IOptions<ChatServerOptions> options,
    ChatConnectionHandler handler,
    ListenerInfo info,
    ILogger<TcpChatListener> logger) : IHostedService
{
    private readonly ChatConnectionHandler _handler = handler;
    private readonly ILogger _logger = logger;
    // Kestrel's default: a login storm of a few hundred connects at once must not meet SYN drops.
    private const int Backlog = 512;

    private readonly TaskCompletionSource _connectionsClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listenSocket;
    private Task _acceptLoop = Task.CompletedTask;
    private long _lastConnectionId;
    private int _open = 1; // the listener itself holds one, released when it stops: zero means everything is closed

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoint = new IPEndPoint(ParleyHost.ResolveAddress(options.Value.Host), options.Value.Port);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // As Kestrel does: a restarted server can bind while old connections are in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listenSocket = socket;
        info.EndPoint = socket.LocalEndPoint;
        _acceptLoop = AcceptLoopAsync(socket);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, then waits (until the host's shutdown timeout) for the open connections to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listenSocket is not { } socket)
        {
            return;
        }

        socket.Dispose();
        await _acceptLoop;
        Release();

        // The chat server told every session to close when the application began stopping.
        await _connectionsClosed.Task.WaitAsync(cancellationToken);
    }

    private async Task AcceptLoopAsync(Socket listenSocket)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return; // stopped
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
            {
                return; // stopped
            }
            catch (SocketException ex)
            {
                // A connection reset before we took it, or out of file descriptors: keep accepting.
                ServerLog.AcceptFailed(_logger, ex.SocketErrorCode, ex);
                continue;
            }

            socket.NoDelay = true; // each payload is its own send: Nagle must not hold one back
            Interlocked.Increment(ref _open);
            var id = string.Create(CultureInfo.InvariantCulture, $"t{Interlocked.Increment(ref _lastConnectionId):x}");
            ThreadPool.UnsafeQueueUserWorkItem(new Connection(this, new SocketTransport(socket, id)), preferLocal: false);
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _open) == 0)
        {
            _connectionsClosed.TrySetResult();
        }
    }

    /// <summary>One accepted connection, started off the accept loop (so a slow login never delays the next accept).</summary>
    private sealed class Connection(TcpChatListener listener, SocketTransport transport) : IThreadPoolWorkItem
    {
        public void Execute() => _ = RunAsync();

        private async Task RunAsync()
        {
            try
            {
                await listener._handler.RunAsync(transport);
            }
            catch (Exception ex)
            {
                ServerLog.UnexpectedError(listener._logger, transport.ConnectionId, ex);
            }
            finally
            {
                transport.Close();
                listener.Release();
            }
        }
    }
}
