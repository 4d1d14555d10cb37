using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Storage;

namespace Parley.Bench.Micro;

/// <summary>
/// One message to a room of real sessions over in-memory pipes, until every member's pipe has its bytes:
/// the room's fan-out (serialise once, <c>TrySend</c> to each member's bounded queue) plus each session's
/// write loop. Allocated per operation divided by <see cref="Members"/> is the cost per delivery.
/// </summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    private readonly StoredMessage _message = new(123456, "lobby", "alice", Samples.Text, new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero));
    private FanOutHarness? _harness;
    private ReadOnlyMemory<byte> _line;

    [Params(100, 1000)]
    public int Members { get; set; }

    /// <summary>The pipes' pool: Kestrel-like blocks kept for reuse, or <see cref="MemoryPool{T}.Shared"/> (see <see cref="BlockPool"/>).</summary>
    [Params(true, false)]
    public bool KeepBlocks { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _harness = await FanOutHarness.StartAsync(Members, KeepBlocks ? new BlockPool() : MemoryPool<byte>.Shared);
        _line = PayloadWriter.ToLine(HistoryWriter.ToPayload(_message));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>What the room's pump does per stored message: serialise once, then deliver to everyone.</summary>
    [Benchmark]
    public void PublishMessage() => _harness!.Deliver(PayloadWriter.ToLine(HistoryWriter.ToPayload(_message)));

    /// <summary>The delivery alone: a line already serialised (a notice, or the line above) to everyone.</summary>
    [Benchmark]
    public void BroadcastSharedLine() => _harness!.Deliver(_line);
}
