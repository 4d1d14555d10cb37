using System.Diagnostics.Metrics;
using System.Text;

namespace Parley.Server.Metrics;

/// <summary>
/// What <c>/metrics</c> keeps of one instrument, per label set: the sum of a pushed counter, the last value of
/// an observed instrument (cleared before each collection, so a label set that is gone stops being reported),
/// or a histogram's buckets. Thread-safe: pushed values arrive on any thread.
/// </summary>
internal sealed class MetricFamily
{
    // Prometheus' client libraries' defaults, for a histogram that gives no advice of its own.
    private static readonly double[] s_defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Buckets> _histograms = new(StringComparer.Ordinal);
    private readonly bool _observed;
    private readonly double[]? _bounds;

    private MetricFamily(Instrument instrument)
    {
        (Type, var isCounter) = PrometheusText.TypeOf(instrument);
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, isCounter);
        Help = instrument.Description;
        _observed = instrument.IsObservable;
        if (Type == "histogram")
        {
            _bounds = (instrument as Instrument<double>)?.Advice?.HistogramBucketBoundaries?.ToArray()
                ?? (instrument as Instrument<long>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray()
                ?? s_defaultBuckets;
        }
    }

    public string Name { get; }

    private string Type { get; }

    private string? Help { get; }

    public static MetricFamily For(Instrument instrument) => new(instrument);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // No tags (every pushed instrument of ours) allocates nothing.
        var labels = tags.IsEmpty ? string.Empty : PrometheusText.Labels(tags);
        lock (_lock)
        {
            if (_bounds is not null)
            {
                if (!_histograms.TryGetValue(labels, out var buckets))
                {
                    _histograms[labels] = buckets = new Buckets(_bounds.Length);
                }

                buckets.Record(_bounds, value);
            }
            else if (_observed)
            {
                _values[labels] = value;
            }
            else
            {
                _values[labels] = _values.GetValueOrDefault(labels) + value;
            }
        }
    }

    /// <summary>Forgets the last observed values before the observable instruments report again.</summary>
    public void BeginCollection()
    {
        if (_observed)
        {
            lock (_lock)
            {
                _values.Clear();
            }
        }
    }

    public void Write(StringBuilder text)
    {
        PrometheusText.AppendHeader(text, Name, Help, Type);
        lock (_lock)
        {
            foreach (var (labels, value) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                PrometheusText.AppendSample(text, Name, labels, value);
            }

            foreach (var (labels, buckets) in _histograms.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                buckets.Write(text, Name, labels, _bounds!);
            }
        }
    }

    /// <summary>One label set of a histogram: a count per bucket (the last is +Inf), their sum and count.</summary>
    private sealed class Buckets(int bounds)
    {
        private readonly long[] _counts = new long[bounds + 1];
        private double _sum;
        private long _count;

        public void Record(double[] bounds, double value)
        {
            var index = Array.BinarySearch(bounds, value);
            _counts[index >= 0 ? index : ~index]++; // an upper bound is inclusive (le)
            _sum += value;
            _count++;
        }

        public void Write(StringBuilder text, string name, string labels, double[] bounds)
        {
            long cumulative = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                cumulative += _counts[i];
                var le = i < bounds.Length ? PrometheusText.Number(bounds[i]) : "+Inf";
                PrometheusText.AppendSample(text, name + "_bucket", labels, cumulative, $"le=\"{le}\"");
            }

            PrometheusText.AppendSample(text, name + "_sum", labels, _sum);
            PrometheusText.AppendSample(text, name + "_count", labels, _count);
        }
    }
}
