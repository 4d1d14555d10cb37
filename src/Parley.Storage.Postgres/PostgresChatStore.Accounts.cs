namespace Parley.Storage.Postgres;

public sealed partial class PostgresChatStore
{
    private const string ByName = "name_key = lower($1::text COLLATE \"C\")";

    public async ValueTask<Account?> FindAccountAsync(string name, CancellationToken cancellationToken)
        => (await ReadAsync(
            $"SELECT name, password_hash, is_moderator, created_ticks FROM accounts WHERE {ByName};",
            reader => new Account(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), PgValues.ToTime(reader.GetInt64(3))),
            cancellationToken,
            name)) is [var account] ? account : null;

    public async ValueTask<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await WriteAsync(
            async writer => await writer.ExecuteAsync(
                """
                INSERT INTO accounts (name, password_hash, is_moderator, created_ticks)
                VALUES ($1, $2, $3, $4) ON CONFLICT (name_key) DO NOTHING;
                """,
                account.Name,
                account.PasswordHash,
                account.IsModerator,
                PgValues.FromTime(account.CreatedAt)) == 1,
            cancellationToken);
    }

    public async ValueTask<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken)
        => await WriteAsync(
            async writer => await writer.ExecuteAsync($"UPDATE accounts SET password_hash = $2 WHERE {ByName};", name, passwordHash) == 1,
            cancellationToken);

    public async ValueTask<bool> SetModeratorAsync(string name, bool isModerator, CancellationToken cancellationToken)
        => await WriteAsync(
            async writer => await writer.ExecuteAsync($"UPDATE accounts SET is_moderator = $2 WHERE {ByName};", name, isModerator) == 1,
            cancellationToken);
}
