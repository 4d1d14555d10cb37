using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary><c>/metrics</c> over the real HTTP port: the Prometheus text format, and counters that follow the chat.</summary>
[Collection("EndToEnd")]
public class MetricsTests
{
    [Fact]
    public async Task Metrics_follow_the_chat_requests_errors_messages_deliveries_and_store_commits()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var http = server.CreateHttpClient();
        await using var alice = await server.LoginAsync("alice");
        await using var bob = await server.LoginAsync("bob");
        await using var lurker = await server.ConnectAsync(); // connected, never logged in
        Payloads.Info(await lurker.RequestAsync("help"));
        var before = await MetricsScrape.GetAsync(http);

        for (var i = 0; i < 3; i++)
        {
            Payloads.Message(await alice.RequestAsync("msg", $"hello {i}"), "alice", $"hello {i}");
            Payloads.Message(await bob.ReadPayloadAsync(), "alice", $"hello {i}");
        }

        Payloads.Message(await alice.RequestAsync("dm", "bob psst"), "alice", "psst");
        Payloads.Message(await bob.ReadPayloadAsync(), "alice", "psst");
        Payloads.Error(await bob.RequestAsync("bogus"), ErrorCodes.UnknownRequest);
        Payloads.Error(await lurker.RequestAsync("names"), ErrorCodes.NotLoggedIn);

        // Anything but msg and dm is answered only once the session's messages are delivered (and counted).
        Assert.Equal("Users in #lobby (2): alice, bob", Payloads.Info(await alice.RequestAsync("names")));
        var after = await MetricsScrape.GetAsync(http);

        Assert.Equal(3, after["parley_connections"]);
        Assert.Equal(2, after["parley_users"]);
        Assert.Equal(1, after["parley_rooms"]);
        Assert.Equal(3, after["parley_connections_opened_total"]);
        Assert.Equal(2, after["parley_requests_total{request=\"login\"}"]);
        Assert.Equal(1, after["parley_requests_total{request=\"help\"}"]);
        Assert.Equal(3, Increase("parley_requests_total{request=\"msg\"}"));
        Assert.Equal(1, Increase("parley_requests_total{request=\"dm\"}"));
        Assert.Equal(2, Increase("parley_requests_total{request=\"names\"}"));
        Assert.Equal(1, Increase("parley_requests_total{request=\"unknown\"}"));
        Assert.Equal(1, Increase("parley_errors_total{code=\"unknown_request\"}"));
        Assert.Equal(1, Increase("parley_errors_total{code=\"not_logged_in\"}"));
        Assert.Equal(4, Increase("parley_messages_received_total"));
        Assert.Equal((3 * 2) + 2, Increase("parley_deliveries_total")); // each message to both members, the dm to both ends
        Assert.Equal(0, after["parley_slow_consumer_disconnects_total"]);
        Assert.Equal(server.Counters.Deliveries, after["parley_deliveries_total"]);

        // Every message was committed before it was delivered: the latency histogram saw those commits.
        Assert.True(Increase("parley_store_commit_duration_seconds_count") >= 1);
        AssertHistogram(after, "parley_store_commit_duration_seconds");

        Assert.Equal("counter", after.Types["parley_requests_total"]);
        Assert.Equal("gauge", after.Types["parley_users"]);
        Assert.Equal("histogram", after.Types["parley_store_commit_duration_seconds"]);

        double Increase(string sample) => after[sample] - before.ValueOrZero(sample);
    }

    [Fact]
    public async Task Two_servers_in_one_process_each_report_their_own_metrics()
    {
        await using var busy = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        await using var idle = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        await using var alice = await busy.LoginAsync("alice");
        using var busyHttp = busy.CreateHttpClient();
        using var idleHttp = idle.CreateHttpClient();

        Assert.Equal(1, (await MetricsScrape.GetAsync(busyHttp))["parley_users"]);
        var quiet = await MetricsScrape.GetAsync(idleHttp);
        Assert.Equal(0, quiet["parley_users"]);
        Assert.Equal(0, quiet.ValueOrZero("parley_requests_total{request=\"login\"}"));
    }

    /// <summary>Buckets cumulative, the +Inf bucket equal to the count.</summary>
    private static void AssertHistogram(MetricsScrape scrape, string name)
    {
        var buckets = scrape.Samples
            .Where(s => s.Key.StartsWith(name + "_bucket{le=\"", StringComparison.Ordinal))
            .Select(s => (Bound: ParseBound(s.Key[(name.Length + 12)..^2]), Count: s.Value))
            .OrderBy(b => b.Bound)
            .ToList();
        Assert.True(buckets.Count > 2, "a histogram with its buckets");
        Assert.True(buckets.Zip(buckets.Skip(1)).All(p => p.First.Count <= p.Second.Count), "cumulative");
        Assert.Equal(double.PositiveInfinity, buckets[^1].Bound);
        Assert.Equal(scrape[name + "_count"], buckets[^1].Count);
        Assert.True(scrape[name + "_sum"] > 0);
    }

    private static double ParseBound(string le)
        => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
