using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Parley.Server.Metrics;

/// <summary>
/// The exporter behind <c>/metrics</c>: a <see cref="MeterListener"/> on this server's meter
/// (<see cref="ServerCounters.Meter"/>) keeps what each instrument reported (<see cref="MetricFamily"/>), and
/// <see cref="Collect"/> asks the observable instruments for their values, then writes every family in the
/// Prometheus text format. Ours rather than OpenTelemetry's exporter: the format is small, and that package
/// is only a beta here. Only this server's meter is heard: tests run several servers in one process, each
/// with a meter of the same name.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener;
    private readonly Lock _collecting = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();

    public MetricsCollector(ServerCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == counters.Meter)
                {
                    var family = _families.GetOrAdd(instrument, MetricFamily.For);
                    listener.EnableMeasurementEvents(instrument, family);
                }
            },
            MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Every metric of this server now, in the Prometheus text exposition format, sorted by name.</summary>
    public string Collect()
    {
        lock (_collecting)
        {
            var families = _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            foreach (var family in families)
            {
                family.BeginCollection();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in families)
            {
                family.Write(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();
}
