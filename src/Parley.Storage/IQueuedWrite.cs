namespace Parley.Storage;

/// <summary>One caller's write, queued for a store's single writer (<see cref="GroupCommit"/>).</summary>
public interface IQueuedWrite
{
    /// <summary>The caller's token: a write still queued when it is cancelled is not written.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Messages this write appends: what the group-commit cap counts.</summary>
    int MessageCount { get; }

    /// <summary>Tells the caller its write was dropped before it started.</summary>
    void Cancel();

    /// <summary>Tells the caller its write is committed.</summary>
    void Complete();

    /// <summary>Tells the caller its write failed: nothing of it was kept.</summary>
    void Fail(Exception exception);
}
