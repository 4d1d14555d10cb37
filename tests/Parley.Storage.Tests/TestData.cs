namespace Parley.Storage.Tests;

/// <summary>Values the tests share.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static readonly CancellationToken None = CancellationToken.None;
}
