namespace Parley.Server;

/// <summary>Process-wide counters, read by tests and logged; the metrics endpoint of a later issue exports them.</summary>
public sealed class ServerCounters
{
    private long _connections;
    private long _slowConsumerDisconnects;
    private long _messages;
    private long _protocolErrors;

    public long Connections => Interlocked.Read(ref _connections);

    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerDisconnects);

    public long Messages => Interlocked.Read(ref _messages);

    public long ProtocolErrors => Interlocked.Read(ref _protocolErrors);

    internal void ConnectionOpened() => Interlocked.Increment(ref _connections);

    internal void SlowConsumerDisconnected() => Interlocked.Increment(ref _slowConsumerDisconnects);

    internal void MessagesAccepted(int count) => Interlocked.Add(ref _messages, count);

    internal void ProtocolError() => Interlocked.Increment(ref _protocolErrors);
}
