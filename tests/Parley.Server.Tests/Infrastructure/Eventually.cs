using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// Waits for server state that raises no event a test could await (connection tables, counters): polls the
/// condition until it holds, and fails with a description of what it saw once the timeout has passed.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new Xunit.Sdk.XunitException($"Still not so after {timeout.TotalSeconds} s: {describe()}");
            }

            await Task.Delay(s_pollInterval);
        }
    }
}
