namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>The store every node of a test cluster shares. TEMPORARY: a SQLite file until the PostgreSQL store lands.</summary>
internal sealed class SharedStore : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-cluster-");

    public string[] Arguments => ["--db", Path.Combine(_directory.FullName, "parley.db")];

    public static Task<SharedStore> CreateAsync() => Task.FromResult(new SharedStore());

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
