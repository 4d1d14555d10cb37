using Microsoft.AspNetCore.Connections;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// Kestrel's entry point for a KTN connection. It only adapts: the transport (TCP today, WebSocket or an
/// in-memory pipe pair tomorrow) becomes a <see cref="ChatSession"/> that runs until the connection ends.
/// Connections over the limits get one error payload and are closed before any session exists.
/// </summary>
public sealed class ChatConnectionHandler(ChatServer server, RequestDispatcher dispatcher, ConnectionLimiter limiter, ILogger<ChatConnectionHandler> logger) : ConnectionHandler
{
    // A flood of refused connects must not become a flood of log lines: one warning per interval at most.
    private static readonly TimeSpan s_refusalLogInterval = TimeSpan.FromSeconds(10);
    private long _lastRefusalLog = long.MinValue;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var address = RemoteAddresses.Of(connection.RemoteEndPoint);
        if (limiter.TryAcquire(address) is { } refusal)
        {
            await RefuseAsync(connection, address, refusal);
            return;
        }

        try
        {
            await using var session = new ChatSession(connection, server, dispatcher, logger);
            server.Counters.ConnectionOpened();
            ServerLog.Connected(logger, connection.ConnectionId, connection.RemoteEndPoint?.ToString());
            server.Connected(session);
            try
            {
                // Not connection.ConnectionClosed: Kestrel fires that on the client's FIN, which may come right
                // behind its last requests (a script that sends and closes at once), and those must still be read
                // and answered. The input ends by itself on a FIN, a reset or an abort; CloseWith cancels the read.
                await session.RunAsync(CancellationToken.None);
            }
            finally
            {
                ServerLog.Disconnected(logger, connection.ConnectionId);
            }
        }
        finally
        {
            limiter.Release(address);
        }
    }

    private async Task RefuseAsync(ConnectionContext connection, string? address, string reason)
    {
        server.Counters.ConnectionRefused();
        var now = server.Clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastRefusalLog);
        if ((last == long.MinValue || server.Clock.GetElapsedTime(last, now) >= s_refusalLogInterval)
            && Interlocked.CompareExchange(ref _lastRefusalLog, now, last) == last)
        {
            ServerLog.ConnectionRefused(logger, connection.ConnectionId, address, reason, server.Counters.RefusedConnections);
        }

        // A bounded wait: the payload fits any socket buffer, but a peer that never reads must not hold us.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(server.Options.ShutdownGraceSeconds), server.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed);
        try
        {
            await connection.Transport.Output.WriteAsync(PayloadWriter.ToLine(Notices.Error(server.Clock, ErrorCodes.TooManyConnections, reason)), linked.Token);
        }
        catch (Exception ex) when (ex is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // Expected teardown: the refused peer went away first, or never read.
        }
    }
}
