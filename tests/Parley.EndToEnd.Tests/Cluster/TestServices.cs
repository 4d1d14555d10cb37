namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>The Redis scripts/services.sh starts for the tests (scripts/test.sh runs it and exports where it is); PostgreSQL: PostgresTestDatabase.</summary>
internal static class TestServices
{
    public static string Redis => Required("PARLEY_TEST_REDIS");

    private static string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{variable} is not set: run the tests with scripts/test.sh, which starts Redis and PostgreSQL (scripts/services.sh) and sets it.");
}
