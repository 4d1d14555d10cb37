namespace Parley.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public ValueTask<Account?> FindAccountAsync(string name, CancellationToken cancellationToken)
        => ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, password_hash, is_moderator, created_at FROM accounts WHERE name = $name;";
            command.Parameters.AddWithValue("$name", name);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new Account(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, SqlText.ToTime(reader.GetString(3)))
                : null;
        }, cancellationToken);

    public async ValueTask<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await WriteAsync(
            writer => writer.Execute(
                """
                INSERT INTO accounts (name, password_hash, is_moderator, created_at)
                VALUES ($name, $hash, $moderator, $at) ON CONFLICT (name) DO NOTHING;
                """,
                ("$name", account.Name),
                ("$hash", account.PasswordHash),
                ("$moderator", account.IsModerator ? 1 : 0),
                ("$at", SqlText.FromTime(account.CreatedAt))) == 1,
            messageCount: 0,
            cancellationToken);
    }

    public async ValueTask<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
        => await WriteAsync(
            writer => writer.Execute(
                "UPDATE accounts SET password_hash = $hash WHERE name = $name;", ("$name", name), ("$hash", passwordHash)) == 1,
            messageCount: 0,
            cancellationToken);

    public async ValueTask<bool> SetModeratorAsync(string name, bool isModerator, CancellationToken cancellationToken)
        => await WriteAsync(
            writer => writer.Execute(
                "UPDATE accounts SET is_moderator = $moderator WHERE name = $name;", ("$name", name), ("$moderator", isModerator ? 1 : 0)) == 1,
            messageCount: 0,
            cancellationToken);
}
