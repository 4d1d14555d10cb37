using Npgsql;
using Parley.Storage.Postgres;
using Parley.Tests.Shared;

using static Parley.Storage.Tests.TestData;

namespace Parley.Storage.Tests.Postgres;

/// <summary>The schema migrations: idempotent, and safe when several nodes start at once on one database.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Nodes_starting_at_once_on_a_new_database_migrate_it_once_and_all_start()
    {
        const int Nodes = 6;
        var stores = Enumerable.Range(0, Nodes).Select(_ => Open()).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => s.InitializeAsync(None).AsTask())).Limited();

            Assert.Equal((long)Migrations.LatestVersion, await _database.ScalarAsync("SELECT count(*) FROM parley_schema;"));
            Assert.Equal(Migrations.LatestVersion, await _database.ScalarAsync("SELECT max(version) FROM parley_schema;"));
            var stored = await Task.WhenAll(stores.Select((s, i) => s.AppendAsync([new NewMessage("lobby", $"node{i}", "up", T0)], None).AsTask())).Limited();
            Assert.Equal(Nodes, stored.Select(m => m[0].Id).Distinct().Count());
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Opening_a_migrated_database_again_changes_nothing_and_keeps_the_data()
    {
        await using (var first = Open())
        {
            await first.InitializeAsync(None).Limited();
            await first.AppendAsync([new NewMessage("lobby", "alice", "kept", T0)], None).Limited();
        }

        for (var i = 0; i < 2; i++)
        {
            await using var again = Open();
            await again.InitializeAsync(None).Limited();
            Assert.Equal(["kept"], (await again.GetRecentAsync("lobby", 10, null, None).Limited()).Select(m => m.Text));
        }

        Assert.Equal((long)Migrations.LatestVersion, await _database.ScalarAsync("SELECT count(*) FROM parley_schema;"));
    }

    [Fact]
    public async Task A_database_from_a_newer_Parley_is_refused()
    {
        await using (var store = Open())
        {
            await store.InitializeAsync(None).Limited();
        }

        await _database.ScalarAsync($"INSERT INTO parley_schema (version) VALUES ({Migrations.LatestVersion + 1});");

        await using var old = Open();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => old.InitializeAsync(None).Limited());
        Assert.Contains("newer than this Parley knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_at_start_is_a_store_fault_that_names_it()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = ClosedPort(), Timeout = 5 };
        await using var store = new PostgresChatStore(new PostgresStoreOptions { ConnectionString = nowhere.ConnectionString });

        var fault = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(None).Limited());
        Assert.Equal("PostgreSQL refuses connections (is it running?)", fault.Reason);
    }

    private PostgresChatStore Open() => new(new PostgresStoreOptions { ConnectionString = _database.ConnectionString });

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
