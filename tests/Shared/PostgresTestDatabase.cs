using Npgsql;

namespace Parley.Tests.Shared;

/// <summary>
/// A database of its own on the test PostgreSQL server, created empty and dropped with everything in it, so
/// that tests can run in parallel against one server. The server is the one named by <c>PARLEY_TEST_POSTGRES</c>
/// (an Npgsql connection string for a role that may create databases), which <c>scripts/test.sh</c> starts and
/// sets; without it the test fails and says so, it is never skipped.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PARLEY_TEST_POSTGRES";

    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>The server's connection string with this database in it.</summary>
    public string ConnectionString { get; }

    /// <summary>The test server's connection string (database <c>postgres</c>); throws with what to do when it is not set.</summary>
    public static string ServerConnectionString
        => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set, and this test needs a PostgreSQL server. Run the tests with scripts/test.sh, " +
                $"which installs and starts one (scripts/services.sh) and sets {ServerVariable}; or run " +
                "eval \"$(scripts/services.sh)\" in your shell before dotnet test.");

    /// <summary>Creates a database with a unique name. Synchronous, so that a test's constructor can call it.</summary>
    public static PostgresTestDatabase Create()
    {
        var server = ServerConnectionString;
        var name = "parley_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            command.ExecuteNonQuery();
        }

        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Runs SQL in this database as the test server's role (to look behind a store's back, or to break things).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // FORCE ends whatever connection a store or a server process left open.
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
        await using var mine = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(mine); // this process's pooled connections to it are dead now
    }
}
