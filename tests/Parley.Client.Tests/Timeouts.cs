namespace Parley.Client.Tests;

/// <summary>Every wait in the tests is bounded by this.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
}
