using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Parley.Server.Metrics;

/// <summary>
/// Counts by a label from a small fixed set (request names, error codes): after a label's first count, an
/// increment is a dictionary lookup and an Interlocked add, with no allocation. Callers must not pass free
/// text (a client's unknown request name): every label is a metrics series of its own, kept forever.
/// </summary>
internal sealed class LabelledCounts
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public long this[string label] => _counts.TryGetValue(label, out var count) ? Interlocked.Read(ref count.Value) : 0;

    public void Increment(string label) => Interlocked.Increment(ref _counts.GetOrAdd(label, static _ => new StrongBox<long>()).Value);

    /// <summary>One measurement per label, tagged <paramref name="tag"/>=label: what an observable counter reports.</summary>
    public IEnumerable<Measurement<long>> Measure(string tag)
        => _counts.Select(c => new Measurement<long>(Interlocked.Read(ref c.Value.Value), new KeyValuePair<string, object?>(tag, c.Key)));
}
