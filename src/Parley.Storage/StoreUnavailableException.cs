namespace Parley.Storage;

/// <summary>
/// The store could not carry out a call because of the storage under it (the disk is full, an I/O error, a
/// read-only or locked file), not because of what was asked: nothing of the call was stored, and the same call
/// may succeed once the fault is gone. Stores throw it in place of their driver's exception, kept as the inner one.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : this("the store is unavailable")
    {
    }

    public StoreUnavailableException(string reason)
        : this(reason, null)
    {
    }

    public StoreUnavailableException(string reason, Exception? innerException)
        : base($"The store is unavailable: {reason}.", innerException)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, short and fit for people to read: "the database disk is full".</summary>
    public string Reason { get; }
}
