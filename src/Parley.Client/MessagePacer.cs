namespace Parley.Client;

/// <summary>
/// Keeps an interactive client's chat messages under a server's flood limit instead of having them refused:
/// a burst, then a steady rate (Parley's server allows 5, then 2 per second; IRC clients pace the same way).
/// Pure arithmetic over the times it is given, so it is tested without waiting.
/// </summary>
public sealed class MessagePacer(int burst = 5, double perSecond = 2)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private DateTimeOffset _theoreticalArrival = DateTimeOffset.MinValue;

    /// <summary>Takes a slot for a message sent at or after <paramref name="now"/>; returns how long to wait before sending it.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        // The generic cell rate algorithm: each message moves a theoretical arrival time one interval on; a
        // message may go as long as that time is at most (burst - 1) intervals ahead of now.
        var arrival = _theoreticalArrival > now ? _theoreticalArrival : now;
        var wait = arrival - now - (_interval * (burst - 1));
        _theoreticalArrival = arrival + _interval;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
