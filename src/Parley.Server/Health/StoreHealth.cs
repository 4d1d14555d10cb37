using Parley.Storage;

namespace Parley.Server.Health;

/// <summary>
/// The server's readiness as far as storage goes. The store reports how each write fared
/// (<see cref="IStoreWriteObserver"/>); from the first storage fault (a full disk) until a write succeeds
/// again the server is not ready, and each change is logged once: an error naming the cause, then the
/// recovery. The store probes by itself while failing, so the recovery is noticed even when nobody writes.
/// The "store" health check reads <see cref="Status"/>. Commit latencies go to the metrics.
/// </summary>
public sealed partial class StoreHealth(TimeProvider clock, ServerCounters counters, ILogger<StoreHealth> logger) : IStoreWriteObserver
{
    private readonly Lock _change = new();
    private StoreStatus _status = new(IsReady: true, Reason: null, clock.GetUtcNow());

    public StoreStatus Status => Volatile.Read(ref _status);

    public void OnWriteFailed(StoreUnavailableException fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_change)
        {
            var current = _status;
            if (!current.IsReady && current.Reason == fault.Reason)
            {
                return; // logged already: one error per outage, not one per refused message
            }

            // A new cause during an outage is logged too, but the outage keeps its start.
            Volatile.Write(ref _status, new StoreStatus(IsReady: false, fault.Reason, current.IsReady ? clock.GetUtcNow() : current.Since));
            Log.WritesFailing(logger, fault.Reason, fault.InnerException ?? fault);
        }
    }

    public void OnCommitted(TimeSpan duration) => counters.StoreCommitted(duration);

    public void OnWriteSucceeded()
    {
        if (Status.IsReady)
        {
            return; // every commit calls this: the common case takes no lock
        }

        lock (_change)
        {
            var current = _status;
            if (current.IsReady)
            {
                return;
            }

            var now = clock.GetUtcNow();
            Volatile.Write(ref _status, new StoreStatus(IsReady: true, Reason: null, now));
            Log.WritesRecovered(logger, now - current.Since);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Error, "Store writes are failing: {Reason}. Messages and changes are refused (store_unavailable) and the server is not ready until a write succeeds again")]
        public static partial void WritesFailing(ILogger logger, string reason, Exception exception);

        [LoggerMessage(51, LogLevel.Information, "Store writes succeed again after {Outage}; the server is ready")]
        public static partial void WritesRecovered(ILogger logger, TimeSpan outage);
    }
}
