using System.Diagnostics;
using HdrHistogram;

namespace Parley.Bench;

/// <summary>Latencies in microseconds, recorded from many connections, read in intervals by the controller.</summary>
internal sealed class LatencyRecorder
{
    public const long HighestMicros = 60_000_000;

    private static readonly double s_microsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1)
        .WithValuesUpTo(HighestMicros)
        .WithPrecisionOf(3)
        .WithThreadSafeWrites()
        .WithThreadSafeReads()
        .Create();

    private HistogramBase? _recycled;

    public void Record(long elapsedTicks)
    {
        var micros = (long)(elapsedTicks * s_microsPerTick);
        _recorder.RecordValue(Math.Clamp(micros, 1, HighestMicros));
    }

    /// <summary>Everything recorded since the last call, added to <paramref name="into"/> when given.</summary>
    public long Drain(HistogramBase? into)
    {
        var interval = _recorder.GetIntervalHistogram(_recycled);
        into?.Add(interval);
        _recycled = interval;
        return interval.TotalCount;
    }

    public static HistogramBase NewHistogram() => new LongHistogram(HighestMicros, 3);

    /// <summary>p50, p99, p99.9 and the maximum of a histogram of microseconds, in milliseconds.</summary>
    public static (double P50, double P99, double P999, double Max) Milliseconds(HistogramBase histogram) =>
        (histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0,
            histogram.GetValueAtPercentile(99.9) / 1000.0,
            histogram.GetMaxValue() / 1000.0);
}
