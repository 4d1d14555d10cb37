namespace Parley.Storage.Tests;

public sealed class InMemoryChatStoreTests : ChatStoreContractTests
{
    protected override IChatStore CreateStore() => new InMemoryChatStore();
}
