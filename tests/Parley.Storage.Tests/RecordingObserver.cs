using System.Collections.Concurrent;

namespace Parley.Storage.Tests;

/// <summary>An <see cref="IStoreWriteObserver"/> that keeps what it heard and lets a test await the recovery.</summary>
internal sealed class RecordingObserver : IStoreWriteObserver
{
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _failed;

    public ConcurrentQueue<StoreUnavailableException> Faults { get; } = new();

    /// <summary>How long each committed transaction took, in commit order.</summary>
    public ConcurrentQueue<TimeSpan> Commits { get; } = new();

    /// <summary>Completes at the first successful write after a fault.</summary>
    public Task Recovered => _recovered.Task;

    public void OnWriteFailed(StoreUnavailableException fault)
    {
        Faults.Enqueue(fault);
        _failed = true;
    }

    public void OnCommitted(TimeSpan duration) => Commits.Enqueue(duration);

    public void OnWriteSucceeded()
    {
        if (_failed)
        {
            _recovered.TrySetResult();
        }
    }
}
