namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public async ValueTask<string> EnsureRoomAsync(string name, DateTimeOffset createdAt, CancellationToken cancellationToken)
        => await WriteAsync(
            writer =>
            {
                // The first spelling wins: a later one in another letter case conflicts and is ignored.
                writer.Execute(
                    "INSERT INTO rooms (name, created_at) VALUES ($name, $at) ON CONFLICT (name) DO NOTHING;",
                    ("$name", name),
                    ("$at", SqlText.FromTime(createdAt)));
                return (string)writer.Scalar("SELECT name FROM rooms WHERE name = $name;", ("$name", name))!;
            },
            messageCount: 0,
            cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListRoomsAsync(CancellationToken cancellationToken)
        => ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM rooms;";
            var rooms = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rooms.Add(reader.GetString(0));
            }

            // Sorted here, not by NOCASE: NOCASE folds to lower case, so '_' would sort apart from the
            // in-memory store's order (which folds to upper case).
            rooms.Sort(StringComparer.OrdinalIgnoreCase);
            return rooms;
        }, cancellationToken);
}
