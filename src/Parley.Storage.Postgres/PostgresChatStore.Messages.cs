using Npgsql;

namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    private const string MessageColumns = "id, room, sender, text, sent_ticks, recipient";

    public async ValueTask<IReadOnlyList<StoredMessage>> AppendAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        // Checked here, not in the writer: a message PostgreSQL cannot take would fail everyone's batched with it.
        var cleaned = new NewMessage[messages.Count];
        for (var i = 0; i < cleaned.Length; i++)
        {
            var m = messages[i];
            ArgumentNullException.ThrowIfNull(m);
            ArgumentNullException.ThrowIfNull(m.Sender);
            ArgumentNullException.ThrowIfNull(m.Text);
            cleaned[i] = m with { Room = PgValues.CleanOrNull(m.Room), Sender = PgValues.Clean(m.Sender), Text = PgValues.Clean(m.Text), To = PgValues.CleanOrNull(m.To) };
        }

        var work = new AppendWork(cleaned, cancellationToken);
        Enqueue(work);
        return await work.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var page = await ReadAsync(
            $"""
            SELECT {MessageColumns} FROM messages
            WHERE room_key = lower($1::text COLLATE "C") AND recipient IS NULL AND NOT deleted AND id < $2
            ORDER BY id DESC LIMIT $3;
            """,
            ReadMessage,
            cancellationToken,
            room,
            beforeId ?? long.MaxValue,
            count);
        page.Reverse();
        return page;
    }

    public async ValueTask<StoredMessage?> FindMessageAsync(long id, CancellationToken cancellationToken)
        => (await ReadAsync($"SELECT {MessageColumns} FROM messages WHERE id = $1 AND NOT deleted;", ReadMessage, cancellationToken, id))
            is [var message] ? message : null;

    public async ValueTask<bool> DeleteMessageAsync(long id, CancellationToken cancellationToken)
        => await WriteAsync(
            async writer => await writer.ExecuteAsync("UPDATE messages SET deleted = true WHERE id = $1 AND NOT deleted;", id) == 1,
            cancellationToken);

    private static StoredMessage ReadMessage(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        PgValues.ToTime(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
