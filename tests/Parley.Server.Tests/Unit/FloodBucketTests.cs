using Parley.Server.Sessions;

namespace Parley.Server.Tests.Unit;

/// <summary>The buckets on a hand-driven clock: exact refills, no waiting.</summary>
public class FloodBucketTests
{
    [Fact]
    public void The_message_bucket_allows_the_burst_then_one_per_refill_interval()
    {
        var clock = new ManualClock();
        var flood = new FloodControl(new ChatServerOptions { MessageBurst = 5, MessagesPerSecond = 2 }, clock);

        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(flood.TryAdmit("msg")));
        Assert.False(flood.TryAdmit("dm"));

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(flood.TryAdmit("msg"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(flood.TryAdmit("msg"));
        Assert.False(flood.TryAdmit("msg"));

        // A long pause refills to the burst, never beyond it.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(flood.TryAdmit("msg")));
        Assert.False(flood.TryAdmit("msg"));
    }

    [Fact]
    public void Other_requests_draw_on_their_own_bucket()
    {
        var flood = new FloodControl(new ChatServerOptions { MessageBurst = 1, RequestBurst = 2, RequestsPerSecond = 0 }, new ManualClock());

        Assert.True(flood.TryAdmit("msg"));
        Assert.False(flood.TryAdmit("msg"));
        Assert.True(flood.TryAdmit("names"));
        Assert.True(flood.TryAdmit(string.Empty));
        Assert.False(flood.TryAdmit("history"));
    }

    [Fact]
    public void Refusals_close_only_when_the_limit_is_reached_within_one_window()
    {
        var clock = new ManualClock();
        var flood = new FloodControl(new ChatServerOptions { FloodDisconnectRefusals = 3, FloodWindowSeconds = 10 }, clock);

        Assert.False(flood.RecordRefusal());
        Assert.False(flood.RecordRefusal());

        // The window has passed: counting starts again.
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.False(flood.RecordRefusal());
        Assert.False(flood.RecordRefusal());
        Assert.True(flood.RecordRefusal());
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
