using Microsoft.AspNetCore.Connections;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// Where every connection starts, whatever carries it: our TCP listener's sockets, Kestrel's connections (TLS,
/// and the in-memory pipes of the tests, through <see cref="OnConnectedAsync"/>) and WebSockets. The transport
/// becomes a <see cref="ChatSession"/> that runs until the connection ends. Connections over the limits get
/// one error payload and are closed before any session exists.
/// </summary>
public sealed class ChatConnectionHandler(ChatServer server, RequestDispatcher dispatcher, ConnectionLimiter limiter, ILogger<ChatConnectionHandler> logger) : ConnectionHandler
{
    // A flood of refused connects must not become a flood of log lines: one warning per interval at most.
    private static readonly TimeSpan s_refusalLogInterval = TimeSpan.FromSeconds(10);
    private long _lastRefusalLog = long.MinValue;

    public override Task OnConnectedAsync(ConnectionContext connection) => RunAsync(new PipeTransport(connection));

    /// <summary>Runs one connection to its end; the caller closes the transport after.</summary>
    public async Task RunAsync(ChatTransport transport)
    {
        var address = RemoteAddresses.Of(transport.RemoteEndPoint);
        if (limiter.TryAcquire(address) is { } refusal)
        {
            await RefuseAsync(transport, address, refusal);
            return;
        }

        try
        {
            await using var session = new ChatSession(transport, server, dispatcher, logger);
            server.Counters.ConnectionOpened();
            ServerLog.Connected(logger, transport.ConnectionId, transport.RemoteEndPoint?.ToString());
            server.Connected(session);
            try
            {
                // The input ends by itself on a FIN (after the requests in front of it are answered), a reset or
                // an abort; CloseWith ends it early.
                await session.RunAsync(CancellationToken.None);
            }
            finally
            {
                ServerLog.Disconnected(logger, transport.ConnectionId);
            }
        }
        finally
        {
            limiter.Release(address);
        }
    }

    private async Task RefuseAsync(ChatTransport transport, string? address, string reason)
    {
        server.Counters.ConnectionRefused();
        var now = server.Clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastRefusalLog);
        if ((last == long.MinValue || server.Clock.GetElapsedTime(last, now) >= s_refusalLogInterval)
            && Interlocked.CompareExchange(ref _lastRefusalLog, now, last) == last)
        {
            ServerLog.ConnectionRefused(logger, transport.ConnectionId, address, reason, server.Counters.RefusedConnections);
        }

        // A bounded wait: the payload fits any socket buffer, but a peer that never reads must not hold us.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(server.Options.ShutdownGraceSeconds), server.Clock);
        try
        {
            await transport.WriteAsync(PayloadWriter.ToLine(Notices.Error(server.Clock, ErrorCodes.TooManyConnections, reason)), timeout.Token);
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException or InvalidOperationException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Expected teardown: the refused peer went away first, or never read.
        }
    }
}
