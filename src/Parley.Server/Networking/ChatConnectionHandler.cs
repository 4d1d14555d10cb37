using Microsoft.AspNetCore.Connections;
using Parley.Server.Chat;
using Parley.Server.Commands;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// Kestrel's entry point for a KTN connection. It only adapts: the transport (TCP today, WebSocket or an
/// in-memory pipe pair tomorrow) becomes a <see cref="ChatSession"/> that runs until the connection ends.
/// </summary>
public sealed class ChatConnectionHandler(ChatServer server, RequestDispatcher dispatcher, ILogger<ChatConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var session = new ChatSession(connection, server, dispatcher, logger);
        server.Counters.ConnectionOpened();
        ServerLog.Connected(logger, connection.ConnectionId, connection.RemoteEndPoint?.ToString());
        server.Connected(session);
        try
        {
            await session.RunAsync(connection.ConnectionClosed);
        }
        finally
        {
            ServerLog.Disconnected(logger, connection.ConnectionId);
        }
    }
}
