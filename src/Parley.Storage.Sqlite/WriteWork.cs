namespace Parley.Storage.Sqlite;

/// <summary>
/// One caller's write, queued for the single writer. <see cref="Execute"/> runs inside the batch's
/// transaction; the caller hears the outcome only after the commit (or the failure), never before.
/// </summary>
internal abstract class WriteWork(CancellationToken cancellationToken) : IQueuedWrite
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Messages this work appends: what the group-commit cap counts.</summary>
    public virtual int MessageCount => 0;

    public abstract void Execute(SqliteWriter writer);

    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

/// <summary>A write that returns a value (rooms, accounts, bans, audit, deletion; appends).</summary>
internal sealed class WriteWork<T>(Func<SqliteWriter, T> action, int messageCount, CancellationToken cancellationToken)
    : WriteWork(cancellationToken)
{
    // Continuations run on the pool: the writer must not run callers' code before its next batch.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override int MessageCount => messageCount;

    public override void Execute(SqliteWriter writer) => _result = action(writer);

    public override void Complete() => _done.TrySetResult(_result!);

    public override void Fail(Exception exception) => _done.TrySetException(exception);

    public override void Cancel() => _done.TrySetCanceled(CancellationToken);
}

/// <summary>
/// The writer's own write while writes fail: a row rewritten in <c>write_probe</c>, so its commit has to put a
/// page in the WAL like any message would. Nobody waits for it; the store's observer hears the outcome.
/// </summary>
internal sealed class ProbeWork() : WriteWork(CancellationToken.None)
{
    public override void Execute(SqliteWriter writer)
        => writer.Execute("INSERT OR REPLACE INTO write_probe (id, probed_at) VALUES (1, $at);", ("$at", SqlText.FromTime(DateTimeOffset.UtcNow)));

    public override void Complete()
    {
    }

    public override void Fail(Exception exception)
    {
    }

    public override void Cancel()
    {
    }
}
