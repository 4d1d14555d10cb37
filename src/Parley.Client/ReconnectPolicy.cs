namespace Parley.Client;

/// <summary>
/// How long to wait before each reconnect attempt: <see cref="BaseDelay"/> doubling per attempt up to
/// <see cref="MaxDelay"/>, each delay then spread by ±<see cref="Jitter"/> (so a 30 s step waits 24–36 s). The
/// jitter keeps many clients that lost the same server from all knocking at the same instant when it returns.
/// </summary>
public sealed record ReconnectPolicy
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The fraction a delay may move either way; 0 makes the sequence exact.</summary>
    public double Jitter { get; init; } = 0.2;

    public static ReconnectPolicy Default { get; } = new();

    /// <summary>The delay before attempt <paramref name="attempt"/> (0 for the first), before jitter.</summary>
    public TimeSpan NominalDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // Past 2^20 the cap has long been reached; stopping the shift there avoids overflow.
        var factor = 1L << Math.Min(attempt, 20);
        var ticks = BaseDelay.Ticks * factor;
        return ticks <= 0 || ticks > MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks(ticks);
    }

    /// <summary>The delay before attempt <paramref name="attempt"/>, jittered with <paramref name="random"/>.</summary>
    public TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var nominal = NominalDelay(attempt);
        var factor = 1 + (Jitter * ((2 * random.NextDouble()) - 1));
        return TimeSpan.FromTicks((long)(nominal.Ticks * factor));
    }
}
