namespace Parley.Server;

/// <summary>Process-wide counters, read by tests and logged; the metrics endpoint of a later issue exports them.</summary>
public sealed class ServerCounters
{
    private long _connections;
    private long _slowConsumerDisconnects;
    private long _messages;
    private long _protocolErrors;
    private long _rateLimited;
    private long _floodDisconnects;
    private long _refusedConnections;
    private long _loginTimeouts;

    public long Connections => Interlocked.Read(ref _connections);

    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerDisconnects);

    public long Messages => Interlocked.Read(ref _messages);

    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Requests refused with <c>rate_limited</c> by flood control.</summary>
    public long RateLimitedRequests => Interlocked.Read(ref _rateLimited);

    public long FloodDisconnects => Interlocked.Read(ref _floodDisconnects);

    /// <summary>Connections refused by the per-address or total limit.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public long LoginTimeouts => Interlocked.Read(ref _loginTimeouts);

    internal void ConnectionOpened() => Interlocked.Increment(ref _connections);

    internal void SlowConsumerDisconnected() => Interlocked.Increment(ref _slowConsumerDisconnects);

    internal void MessagesAccepted(int count) => Interlocked.Add(ref _messages, count);

    internal void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void RequestRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void FloodDisconnected() => Interlocked.Increment(ref _floodDisconnects);

    internal void ConnectionRefused() => Interlocked.Increment(ref _refusedConnections);

    internal void LoginTimedOut() => Interlocked.Increment(ref _loginTimeouts);
}
