namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public async ValueTask AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await WriteAsync(
            writer => writer.Execute(
                "INSERT INTO audit (at, actor, action, target, detail) VALUES ($at, $actor, $action, $target, $detail);",
                ("$at", SqlText.FromTime(entry.At)),
                ("$actor", entry.Actor),
                ("$action", entry.Action),
                ("$target", entry.Target),
                ("$detail", entry.Detail)),
            messageCount: 0,
            cancellationToken);
    }

    public ValueTask<IReadOnlyList<AuditEntry>> ListAuditAsync(int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return ValueTask.FromResult<IReadOnlyList<AuditEntry>>([]); // SQLite reads a negative LIMIT as "all"
        }

        return ReadAsync<IReadOnlyList<AuditEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT at, actor, action, target, detail FROM
                    (SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT $count)
                ORDER BY id;
                """;
            command.Parameters.AddWithValue("$count", count);
            var entries = new List<AuditEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(
                    SqlText.ToTime(reader.GetString(0)),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return entries;
        }, cancellationToken);
    }
}
