namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public async ValueTask AddBanAsync(Ban ban, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ban);
        await WriteAsync(
            writer => writer.Execute(
                // REPLACE: a new ban on the same name (any letter case) takes the old one's place.
                "INSERT OR REPLACE INTO bans (name, address, reason, banned_by, at) VALUES ($name, $address, $reason, $by, $at);",
                ("$name", ban.Name),
                ("$address", ban.Address),
                ("$reason", ban.Reason),
                ("$by", ban.By),
                ("$at", SqlText.FromTime(ban.At))),
            messageCount: 0,
            cancellationToken);
    }

    public async ValueTask<bool> RemoveBanAsync(string name, CancellationToken cancellationToken)
        => await WriteAsync(
            writer => writer.Execute("DELETE FROM bans WHERE name = $name;", ("$name", name)) == 1,
            messageCount: 0,
            cancellationToken);

    public ValueTask<IReadOnlyList<Ban>> ListBansAsync(CancellationToken cancellationToken)
        => ReadAsync<IReadOnlyList<Ban>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, address, reason, banned_by, at FROM bans ORDER BY at, rowid;";
            var bans = new List<Ban>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bans.Add(new Ban(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    SqlText.ToTime(reader.GetString(4))));
            }

            return bans;
        }, cancellationToken);
}
