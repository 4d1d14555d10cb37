namespace Parley.Server;

/// <summary>Source-generated log messages. A connection id in every per-connection line; never message text.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Parley {Version} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string version, string endPoint);

    [LoggerMessage(2, LogLevel.Debug, "[{ConnectionId}] Connected from {RemoteEndPoint}")]
    public static partial void Connected(ILogger logger, string connectionId, string? remoteEndPoint);

    [LoggerMessage(3, LogLevel.Debug, "[{ConnectionId}] Disconnected")]
    public static partial void Disconnected(ILogger logger, string connectionId);

    [LoggerMessage(4, LogLevel.Information, "[{ConnectionId}] {Username} logged in")]
    public static partial void LoggedIn(ILogger logger, string connectionId, string username);

    [LoggerMessage(5, LogLevel.Information, "[{ConnectionId}] {Username} logged out ({Reason})")]
    public static partial void LoggedOut(ILogger logger, string connectionId, string username, string reason);

    [LoggerMessage(6, LogLevel.Debug, "[{ConnectionId}] Login refused: {Code}")]
    public static partial void LoginRefused(ILogger logger, string connectionId, string code);

    [LoggerMessage(7, LogLevel.Debug, "[{ConnectionId}] Request refused: {Code}")]
    public static partial void RequestRefused(ILogger logger, string connectionId, string code);

    [LoggerMessage(8, LogLevel.Warning, "[{ConnectionId}] Slow consumer {Username} disconnected: {Queued} payloads, {QueuedBytes} bytes queued")]
    public static partial void SlowConsumer(ILogger logger, string connectionId, string? username, int queued, long queuedBytes);

    [LoggerMessage(9, LogLevel.Information, "[{ConnectionId}] Closing: {Code}")]
    public static partial void ProtocolViolation(ILogger logger, string connectionId, string code);

    [LoggerMessage(10, LogLevel.Error, "[{ConnectionId}] Unexpected error; closing this connection")]
    public static partial void UnexpectedError(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Shutting down: notifying {Count} connections")]
    public static partial void ShuttingDown(ILogger logger, int count);

    [LoggerMessage(12, LogLevel.Warning, "[{ConnectionId}] {Username} disconnected for flooding: {Refusals} requests refused within the window")]
    public static partial void FloodDisconnect(ILogger logger, string connectionId, string? username, int refusals);

    [LoggerMessage(13, LogLevel.Warning, "[{ConnectionId}] Connection from {RemoteAddress} refused: {Reason} ({Refused} refused in all)")]
    public static partial void ConnectionRefused(ILogger logger, string connectionId, string? remoteAddress, string reason, long refused);

    [LoggerMessage(14, LogLevel.Information, "[{ConnectionId}] Closing: no login within {Timeout}")]
    public static partial void LoginTimeout(ILogger logger, string connectionId, TimeSpan timeout);

    [LoggerMessage(15, LogLevel.Warning, "Accepting a connection failed ({Error}); still listening")]
    public static partial void AcceptFailed(ILogger logger, System.Net.Sockets.SocketError error, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "The ban of {Name} made on another node could not be stored with the address the user connected from here")]
    public static partial void BanAddressNotRecorded(ILogger logger, string name, Exception exception);
}
