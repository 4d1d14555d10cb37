namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    public async ValueTask<string> EnsureRoomAsync(string name, DateTimeOffset createdAt, CancellationToken cancellationToken)
        => await WriteAsync(
            async writer =>
            {
                // The first spelling wins: a later one in another letter case conflicts and is ignored. Two
                // statements, not one: a statement does not see a row that another node committed while it ran.
                await writer.ExecuteAsync(
                    "INSERT INTO rooms (name, created_ticks) VALUES ($1, $2) ON CONFLICT (name_key) DO NOTHING;",
                    name,
                    PgValues.FromTime(createdAt));
                return (string)(await writer.ScalarAsync("SELECT name FROM rooms WHERE name_key = lower($1::text COLLATE \"C\");", name))!;
            },
            cancellationToken);

    public async ValueTask<IReadOnlyList<string>> ListRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = await ReadAsync("SELECT name FROM rooms;", reader => reader.GetString(0), cancellationToken);

        // Sorted here, as the other stores do: by the database's collation '_' could sort elsewhere.
        rooms.Sort(StringComparer.OrdinalIgnoreCase);
        return rooms;
    }
}
