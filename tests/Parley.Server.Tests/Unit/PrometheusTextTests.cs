using System.Diagnostics.Metrics;
using System.Text;
using Parley.Server.Metrics;

namespace Parley.Server.Tests.Unit;

public class PrometheusTextTests
{
    [Theory]
    [InlineData("parley.store.commit.duration", "s", false, "parley_store_commit_duration_seconds")]
    [InlineData("parley.requests", "{request}", true, "parley_requests_total")]
    [InlineData("parley.slow_consumer.disconnects", "{connection}", true, "parley_slow_consumer_disconnects_total")]
    [InlineData("parley.connections", "{connection}", false, "parley_connections")]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("queue.size", "By", false, "queue_size_bytes")]
    [InlineData("already_total", null, true, "already_total")]
    [InlineData("9lives-and.dashes", null, false, "_9lives_and_dashes")]
    public void Instrument_names_become_prometheus_names(string instrument, string? unit, bool isCounter, string expected)
        => Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, isCounter));

    [Fact]
    public void Labels_are_sorted_and_their_values_escaped()
    {
        KeyValuePair<string, object?>[] tags = [new("zone", "a\"b"), new("code", "back\\slash\nnewline"), new("bad-name", 7)];

        Assert.Equal("bad_name=\"7\",code=\"back\\\\slash\\nnewline\",zone=\"a\\\"b\"", PrometheusText.Labels(tags));
    }

    [Fact]
    public void Samples_help_and_type_lines_follow_the_text_format()
    {
        var text = new StringBuilder();
        PrometheusText.AppendHeader(text, "parley_errors_total", "Errors\nby \\code", "counter");
        PrometheusText.AppendSample(text, "parley_errors_total", "code=\"bad_json\"", 3);
        PrometheusText.AppendSample(text, "parley_users", string.Empty, 0);
        PrometheusText.AppendSample(text, "latency_bucket", string.Empty, 2, "le=\"+Inf\"");
        PrometheusText.AppendSample(text, "latency_bucket", "room=\"x\"", 1, "le=\"5e-05\"");

        Assert.Equal(
            "# HELP parley_errors_total Errors\\nby \\\\code\n# TYPE parley_errors_total counter\n" +
            "parley_errors_total{code=\"bad_json\"} 3\nparley_users 0\nlatency_bucket{le=\"+Inf\"} 2\nlatency_bucket{room=\"x\",le=\"5e-05\"} 1\n",
            text.ToString());
    }

    [Theory]
    [InlineData(0.00005, "5e-05")]
    [InlineData(0.25, "0.25")]
    [InlineData(12.0, "12")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_are_written_as_prometheus_reads_them(double value, string expected)
        => Assert.Equal(expected, PrometheusText.Number(value));

    [Fact]
    public void Instrument_kinds_map_to_counter_gauge_and_histogram()
    {
        using var meter = new Meter("Parley.Tests.PrometheusText");

        Assert.Equal(("counter", true), PrometheusText.TypeOf(meter.CreateCounter<long>("a")));
        Assert.Equal(("counter", true), PrometheusText.TypeOf(meter.CreateObservableCounter("b", () => 1L)));
        Assert.Equal(("gauge", false), PrometheusText.TypeOf(meter.CreateUpDownCounter<long>("c")));
        Assert.Equal(("gauge", false), PrometheusText.TypeOf(meter.CreateObservableGauge("d", () => 1.0)));
        Assert.Equal(("histogram", false), PrometheusText.TypeOf(meter.CreateHistogram<double>("e")));
    }
}
