namespace Parley.Server.Sessions;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> timestamps: holds at most <c>burst</c> tokens, earns
/// <c>perSecond</c> back. Not thread-safe: each session's read loop owns its buckets.
/// </summary>
internal struct TokenBucket(int burst, double perSecond, long now)
{
    private double _tokens = burst;
    private long _updated = now;

    public bool TryTake(TimeProvider clock)
    {
        var now = clock.GetTimestamp();
        var earned = clock.GetElapsedTime(_updated, now).TotalSeconds * perSecond;
        _tokens = Math.Min(burst, _tokens + earned);
        _updated = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
