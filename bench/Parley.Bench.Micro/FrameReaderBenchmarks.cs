using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parley.Protocol;

namespace Parley.Bench.Micro;

/// <summary>The frame reader over one read holding many requests: the cost of finding one frame.</summary>
[MemoryDiagnoser]
public class FrameReaderBenchmarks
{
    private const int Frames = 1000;
    private ReadOnlySequence<byte> _buffer;

    [Params(false, true)]
    public bool Pretty { get; set; }

    [GlobalSetup]
    public void Setup() => _buffer = new ReadOnlySequence<byte>(Samples.Stream(Frames, Pretty));

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ReadFrame()
    {
        var buffer = _buffer;
        var state = default(JsonFrameReaderState);
        var count = 0;
        while (JsonFrameReader.TryReadFrame(ref buffer, ref state, JsonFrameReader.DefaultMaxFrameBytes, isCompleted: false, out var frame))
        {
            count += frame.Kind == JsonFrameKind.Value ? 1 : 0;
        }

        return count;
    }
}
