namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    public async ValueTask AddBanAsync(Ban ban, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ban);
        await WriteAsync(
            writer => writer.ExecuteAsync(
                // A new ban on the same name (any letter case) takes the old one's place, and its place in the
                // order (a new seq), as SQLite's INSERT OR REPLACE does; safe when two nodes ban at once.
                """
                INSERT INTO bans (name, address, reason, banned_by, at_ticks) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, address = excluded.address,
                    reason = excluded.reason, banned_by = excluded.banned_by, at_ticks = excluded.at_ticks, seq = DEFAULT;
                """,
                ban.Name,
                ban.Address,
                ban.Reason,
                ban.By,
                PgValues.FromTime(ban.At)),
            cancellationToken);
    }

    public async ValueTask<bool> RemoveBanAsync(string name, CancellationToken cancellationToken)
        => await WriteAsync(
            async writer => await writer.ExecuteAsync($"DELETE FROM bans WHERE {ByName};", name) == 1,
            cancellationToken);

    public async ValueTask<IReadOnlyList<Ban>> ListBansAsync(CancellationToken cancellationToken)
        => await ReadAsync(
            "SELECT name, address, reason, banned_by, at_ticks FROM bans ORDER BY at_ticks, seq;",
            reader => new Ban(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                PgValues.ToTime(reader.GetInt64(4))),
            cancellationToken);
}
