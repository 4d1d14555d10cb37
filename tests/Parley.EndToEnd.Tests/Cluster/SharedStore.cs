using Parley.Tests.Shared;

namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>The store every node of a test cluster shares: a fresh PostgreSQL database of the test's own, as in production.</summary>
internal sealed class SharedStore : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database = PostgresTestDatabase.Create();

    public string[] Arguments => ["--store", "postgres", "--postgres", _database.ConnectionString];

    public static Task<SharedStore> CreateAsync() => Task.Run(() => new SharedStore());

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
