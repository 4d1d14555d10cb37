using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    private const string MessageColumns = "id, room, sender, text, timestamp, recipient";

    public async ValueTask<IReadOnlyList<StoredMessage>> AppendAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        return await WriteAsync(writer => writer.Append(messages), messages.Count, cancellationToken);
    }

    public ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredMessage>>([]); // SQLite reads a negative LIMIT as "all"
        }

        return ReadAsync<IReadOnlyList<StoredMessage>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {MessageColumns} FROM messages
                WHERE room = $room AND recipient IS NULL AND deleted = 0 AND id < $before
                ORDER BY id DESC LIMIT $count;
                """;
            command.Parameters.AddWithValue("$room", room);
            command.Parameters.AddWithValue("$before", beforeId ?? long.MaxValue);
            command.Parameters.AddWithValue("$count", count);
            var page = ReadMessages(command);
            page.Reverse();
            return page;
        }, cancellationToken);
    }

    public ValueTask<StoredMessage?> FindMessageAsync(long id, CancellationToken cancellationToken)
        => ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MessageColumns} FROM messages WHERE id = $id AND deleted = 0;";
            command.Parameters.AddWithValue("$id", id);
            return ReadMessages(command) is [var message] ? message : null;
        }, cancellationToken);

    public async ValueTask<bool> DeleteMessageAsync(long id, CancellationToken cancellationToken)
        => await WriteAsync(
            writer => writer.Execute("UPDATE messages SET deleted = 1 WHERE id = $id AND deleted = 0;", ("$id", id)) == 1,
            messageCount: 0,
            cancellationToken);

    private static List<StoredMessage> ReadMessages(SqliteCommand command)
    {
        var messages = new List<StoredMessage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(new StoredMessage(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                SqlText.ToTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return messages;
    }
}
