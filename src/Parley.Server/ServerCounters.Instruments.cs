using System.Diagnostics.Metrics;
using Parley.Server.Chat;

namespace Parley.Server;

/// <summary>
/// The meter's instruments. Counts are observed from the counters' fields when the meter is collected; only
/// the store's commit latency is recorded as it happens (a histogram needs every value), once per group
/// commit. Names follow OpenTelemetry's style; <c>/metrics</c> turns <c>parley.requests</c> into
/// <c>parley_requests_total</c> (docs/OPERATIONS.md lists them).
/// </summary>
public sealed partial class ServerCounters
{
    public const string MeterName = "Parley.Server";

    // Group commits take tens of microseconds with synchronous=Normal and milliseconds with an fsync (Full),
    // and a stalled disk takes seconds: buckets from 50 µs to 5 s.
    private static readonly double[] s_commitBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<double> _storeCommitDuration;

    /// <summary>This server's meter (a process can hold several servers, each with a meter of this name).</summary>
    internal Meter Meter { get; }

    /// <summary>A group commit of the store took this long (writing the batch and committing it).</summary>
    internal void StoreCommitted(TimeSpan duration) => _storeCommitDuration.Record(duration.TotalSeconds);

    /// <summary>The gauges of the chat's live state; once, by the chat server that owns it.</summary>
    internal void Observe(ChatServer server)
    {
        Meter.CreateObservableGauge("parley.connections", () => server.ConnectionCount, "{connection}", "Chat connections open now, logged in or not.");
        Meter.CreateObservableGauge("parley.users", () => server.LoggedInCount, "{user}", "Users logged in now.");
        Meter.CreateObservableGauge("parley.rooms", () => server.RoomCount, "{room}", "Rooms live in this process (joined since start).");
    }

    private Histogram<double> CreateInstruments()
    {
        Meter.CreateObservableCounter("parley.connections.opened", () => Connections, "{connection}", "Chat connections accepted (not those refused by the limits).");
        Meter.CreateObservableCounter("parley.connections.refused", () => RefusedConnections, "{connection}", "Connections refused by the per-address or total limit.");
        Meter.CreateObservableCounter("parley.requests", () => _requests.Measure("request"), "{request}", "Requests handed to their handler, by request name (unknown: no such request).");
        Meter.CreateObservableCounter("parley.errors", () => _errors.Measure("code"), "{error}", "Error payloads sent, by code.");
        Meter.CreateObservableCounter("parley.messages.received", () => Messages, "{message}", "Chat messages stored for delivery (room and direct).");
        Meter.CreateObservableCounter("parley.deliveries", () => Deliveries, "{payload}", "Chat payloads handed to recipients (each member of a room, both ends of a direct message).");
        Meter.CreateObservableCounter("parley.slow_consumer.disconnects", () => SlowConsumerDisconnects, "{connection}", "Connections dropped because their outbound queue was full.");
        Meter.CreateObservableCounter("parley.rate_limited", () => RateLimitedRequests, "{request}", "Requests refused by flood control.");
        Meter.CreateObservableCounter("parley.flood.disconnects", () => FloodDisconnects, "{connection}", "Connections closed for sustained flooding.");
        Meter.CreateObservableCounter("parley.login.timeouts", () => LoginTimeouts, "{connection}", "Connections closed for not logging in in time.");
        Meter.CreateObservableCounter("parley.protocol.errors", () => ProtocolErrors, "{payload}", "Payloads that were not JSON, not a request, or too large.");
        return Meter.CreateHistogram(
            "parley.store.commit.duration",
            "s",
            "Time to write and commit one group-commit transaction of the store.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_commitBuckets });
    }
}
