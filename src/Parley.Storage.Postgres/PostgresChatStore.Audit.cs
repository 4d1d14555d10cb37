namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    public async ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await WriteAsync(
            writer => writer.ExecuteAsync(
                "INSERT INTO audit (at_ticks, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5);",
                PgValues.FromTime(entry.At),
                entry.Actor,
                entry.Action,
                entry.Target,
                entry.Detail),
            cancellationToken);
    }

    public async ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var entries = await ReadAsync(
            "SELECT at_ticks, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT $1;",
            reader => new AuditEntry(
                PgValues.ToTime(reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)),
            cancellationToken,
            count);
        entries.Reverse();
        return entries;
    }
}
