namespace Parley.Storage;

/// <summary>
/// Everything the chat keeps: one store implements all of it (SQLite by default; in memory for tests;
/// PostgreSQL for several nodes). <see cref="InitializeAsync"/> runs once before use (schema migrations).
/// </summary>
public interface IChatStore : IMessageStore, IRoomStore, IAccountStore, IBanStore, IAuditLog, IAsyncDisposable
{
    ValueTask InitializeAsync(CancellationToken cancellationToken);
}
