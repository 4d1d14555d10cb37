namespace Parley.Storage.Postgres;

/// <summary>
/// One caller's write, queued for the single writer. <see cref="ExecuteAsync"/> runs inside the batch's
/// transaction, and may run more than once: a batch that PostgreSQL aborted (a deadlock with another node, a
/// connection found dead before anything was sent) is run again from the start. The caller hears the outcome
/// only after the commit (or the failure), never before.
/// </summary>
internal abstract class WriteWork(CancellationToken cancellationToken) : IQueuedWrite
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Messages this work appends: what the group-commit cap counts.</summary>
    public virtual int MessageCount => 0;

    public abstract Task ExecuteAsync(PostgresWriter writer);

    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

/// <summary>A write that returns a value (rooms, accounts, bans, audit, deletion).</summary>
internal sealed class WriteWork<T>(Func<PostgresWriter, Task<T>> action, CancellationToken cancellationToken)
    : WriteWork(cancellationToken)
{
    // Continuations run on the pool: the writer must not run callers' code before its next batch.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override async Task ExecuteAsync(PostgresWriter writer) => _result = await action(writer);

    public override void Complete() => _done.TrySetResult(_result!);

    public override void Fail(Exception exception) => _done.TrySetException(exception);

    public override void Cancel() => _done.TrySetCanceled(CancellationToken);
}

/// <summary>
/// An append. The writer inserts the messages of all the appends in a batch with one statement
/// (<see cref="PostgresWriter.InsertMessagesAsync"/>) and hands each its ids (<see cref="Assign"/>); it runs
/// them one by one (<see cref="ExecuteAsync"/>) only when that statement failed for a reason of one caller's.
/// </summary>
internal sealed class AppendWork(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    : WriteWork(cancellationToken)
{
    private readonly TaskCompletionSource<IReadOnlyList<StoredMessage>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StoredMessage[]? _stored;

    public IReadOnlyList<NewMessage> Messages { get; } = messages;

    public Task<IReadOnlyList<StoredMessage>> Task => _done.Task;

    public override int MessageCount => Messages.Count;

    public override async Task ExecuteAsync(PostgresWriter writer) => Assign(await writer.InsertMessagesAsync(Messages));

    /// <summary>Takes this work's ids, ascending in the order of <see cref="Messages"/>.</summary>
    public void Assign(ReadOnlySpan<long> ids)
    {
        var stored = new StoredMessage[Messages.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var m = Messages[i];
            stored[i] = new StoredMessage(ids[i], m.Room, m.Sender, m.Text, m.Timestamp, m.To);
        }

        _stored = stored;
    }

    public override void Complete() => _done.TrySetResult(_stored!);

    public override void Fail(Exception exception) => _done.TrySetException(exception);

    public override void Cancel() => _done.TrySetCanceled(CancellationToken);
}

/// <summary>
/// The writer's own write while writes fail: the one row of <c>write_probe</c> rewritten, so that its commit
/// goes through the WAL like any message would. Nobody waits for it; the store's observer hears the outcome.
/// </summary>
internal sealed class ProbeWork() : WriteWork(CancellationToken.None)
{
    public override Task ExecuteAsync(PostgresWriter writer)
        => writer.ExecuteAsync(
            "INSERT INTO write_probe (id, probed_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET probed_at = now();");

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
