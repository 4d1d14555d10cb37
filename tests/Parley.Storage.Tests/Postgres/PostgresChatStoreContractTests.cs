using Parley.Storage.Postgres;
using Parley.Tests.Shared;

namespace Parley.Storage.Tests.Postgres;

/// <summary>The store contract against a real PostgreSQL, each test in a fresh database of its own.</summary>
public sealed class PostgresChatStoreContractTests : ChatStoreContractTests
{
    private PostgresTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        if (_database is null)
        {
            return; // no server to test against: InitializeAsync failed the test with what to do
        }

        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }

    protected override IChatStore CreateStore()
    {
        _database = PostgresTestDatabase.Create();
        return new PostgresChatStore(new PostgresStoreOptions { ConnectionString = _database.ConnectionString });
    }
}
