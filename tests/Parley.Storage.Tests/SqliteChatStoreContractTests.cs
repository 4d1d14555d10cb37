using Parley.Storage.Sqlite;

namespace Parley.Storage.Tests;

public sealed class SqliteChatStoreContractTests : ChatStoreContractTests
{
    private readonly TempDirectory _directory = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    protected override IChatStore CreateStore() => new SqliteChatStore(_directory.File("contract.db"));
}
