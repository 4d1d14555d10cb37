namespace Parley.Storage;

/// <summary>The moderation audit log: append-only.</summary>
public interface IAuditLog
{
    ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The most recent <paramref name="count"/> entries, oldest first.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(int count, CancellationToken cancellationToken);
}
