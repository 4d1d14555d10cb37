namespace Parley.Client.Tests;

public class ReconnectPolicyTests
{
    [Fact]
    public void The_nominal_delays_double_from_one_second_up_to_thirty()
    {
        var policy = ReconnectPolicy.Default;

        var seconds = Enumerable.Range(0, 8).Select(a => policy.NominalDelay(a).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], seconds);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.NominalDelay(10_000));
    }

    [Fact]
    public void Each_delay_stays_within_twenty_percent_of_its_nominal_value()
    {
        var policy = ReconnectPolicy.Default;
        var random = new Random(1234);

        for (var attempt = 0; attempt < 50; attempt++)
        {
            var nominal = policy.NominalDelay(attempt).TotalMilliseconds;
            var delay = policy.Delay(attempt, random).TotalMilliseconds;
            Assert.InRange(delay, nominal * 0.8, nominal * 1.2);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays_and_the_delays_do_vary()
    {
        var policy = ReconnectPolicy.Default;

        var first = Enumerable.Range(0, 10).Select(a => policy.Delay(a, new Random(7))).ToList();
        var second = Enumerable.Range(0, 10).Select(a => policy.Delay(a, new Random(7))).ToList();
        var spread = Enumerable.Range(0, 20).Select(_ => policy.Delay(6, Random.Shared)).Distinct().Count();

        Assert.Equal(first, second);
        Assert.True(spread > 1);
    }

    [Fact]
    public void Without_jitter_the_sequence_is_exact_and_the_base_can_be_small_for_tests()
    {
        var policy = new ReconnectPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), Jitter = 0 };

        var delays = Enumerable.Range(0, 5).Select(a => policy.Delay(a, new Random(1)).TotalMilliseconds);

        Assert.Equal([10, 20, 40, 50, 50], delays);
    }
}
