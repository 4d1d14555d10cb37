namespace Parley.Storage;

/// <summary>What a committed (or failed) batch showed of the storage: the writer probes while the last evidence was a fault.</summary>
public enum BatchOutcome
{
    /// <summary>Committed, but it changed nothing (or failed for a reason of its own): no news of the storage.</summary>
    NoEvidence,

    /// <summary>Committed with changes: the storage took them.</summary>
    Written,

    /// <summary>A storage fault (<see cref="StoreUnavailableException"/>).</summary>
    Fault,
}
