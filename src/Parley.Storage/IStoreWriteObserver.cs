namespace Parley.Storage;

/// <summary>
/// Told by a store how its writes fare, so that the server can say whether it is ready. A store calls it in
/// the order its writes ended, never two calls at once, and before the callers of that write hear the outcome;
/// so an implementation must be quick and must not throw.
/// </summary>
public interface IStoreWriteObserver
{
    /// <summary>A write failed because of the storage (<see cref="StoreUnavailableException"/>): nothing of it was kept.</summary>
    void OnWriteFailed(StoreUnavailableException fault);

    /// <summary>A write that changed something was committed: writes succeed now.</summary>
    void OnWriteSucceeded();

    /// <summary>
    /// A transaction committed (whether or not it changed anything), <paramref name="duration"/> after it
    /// began: the store's write latency, for metrics. Observers that only follow health need not care.
    /// </summary>
    void OnCommitted(TimeSpan duration)
    {
    }
}
