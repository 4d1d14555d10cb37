using System.Diagnostics.Metrics;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Metrics;

namespace Parley.Server;

/// <summary>
/// Process-wide counters, read by tests and logged, and exported through the meter "Parley.Server"
/// (ServerCounters.Instruments.cs). The hot paths only touch plain fields with Interlocked; the meter reads
/// them when it is collected (<c>/metrics</c>, dotnet-counters), so counting costs the same with or without it.
/// </summary>
public sealed partial class ServerCounters
{
    private readonly LabelledCounts _requests = new();
    private readonly LabelledCounts _errors = new();
    private long _connections;
    private long _slowConsumerDisconnects;
    private long _messages;
    private long _deliveries;
    private long _protocolErrors;
    private long _rateLimited;
    private long _floodDisconnects;
    private long _refusedConnections;
    private long _loginTimeouts;

    public ServerCounters(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(new MeterOptions(MeterName) { Version = ChatServer.Version });
        _storeCommitDuration = CreateInstruments();
    }

    public long Connections => Interlocked.Read(ref _connections);

    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerDisconnects);

    /// <summary>Chat messages stored for delivery: room messages and direct messages.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Chat payloads handed to recipients: room messages and notices to each member, direct messages to both ends.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    /// <summary>Requests refused with <c>rate_limited</c> by flood control.</summary>
    public long RateLimitedRequests => Interlocked.Read(ref _rateLimited);

    public long FloodDisconnects => Interlocked.Read(ref _floodDisconnects);

    /// <summary>Connections refused by the per-address or total limit.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    public long LoginTimeouts => Interlocked.Read(ref _loginTimeouts);

    /// <summary>Requests handed to their handler, by request name (<c>unknown</c> for names no handler has).</summary>
    public long Requests(string request) => _requests[request];

    /// <summary>Error payloads sent, by code.</summary>
    public long Errors(string code) => _errors[code];

    internal void ConnectionOpened() => Interlocked.Increment(ref _connections);

    internal void SlowConsumerDisconnected() => Interlocked.Increment(ref _slowConsumerDisconnects);

    internal void MessagesAccepted(int count) => Interlocked.Add(ref _messages, count);

    /// <summary>Once per broadcast with its recipients (times the payloads each got), never once per recipient.</summary>
    internal void Delivered(long count) => Interlocked.Add(ref _deliveries, count);

    internal void ProtocolError() => Interlocked.Increment(ref _protocolErrors);

    internal void RequestRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void FloodDisconnected() => Interlocked.Increment(ref _floodDisconnects);

    internal void ConnectionRefused()
    {
        Interlocked.Increment(ref _refusedConnections);

        // A refused connection gets one error payload before any session exists (ChatConnectionHandler).
        _errors.Increment(ErrorCodes.TooManyConnections);
    }

    internal void LoginTimedOut() => Interlocked.Increment(ref _loginTimeouts);

    /// <summary>The request's name must be a handler's (or <c>unknown</c>): each name is a metrics series of its own.</summary>
    internal void RequestDispatched(string request) => _requests.Increment(request);

    internal void ErrorSent(string code) => _errors.Increment(code);
}
