namespace Parley.Client.Tests;

public class MessagePacerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_burst_goes_at_once_then_messages_are_spaced_at_the_rate()
    {
        var pacer = new MessagePacer(burst: 5, perSecond: 2);

        var waits = Enumerable.Range(0, 8).Select(_ => pacer.Reserve(s_start)).ToList();

        Assert.All(waits.Take(5), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)], waits.Skip(5));
    }

    [Fact]
    public void Credit_comes_back_with_time_but_never_beyond_the_burst()
    {
        var pacer = new MessagePacer(burst: 5, perSecond: 2);
        for (var i = 0; i < 5; i++)
        {
            pacer.Reserve(s_start);
        }

        // One second later two slots are free again, not more.
        var later = s_start.AddSeconds(1);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(later));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(later));
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve(later));

        // After a long quiet spell, a whole burst again, then the rate.
        var quiet = s_start.AddMinutes(5);
        Assert.All(Enumerable.Range(0, 5).Select(_ => pacer.Reserve(quiet)), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve(quiet));
    }
}
