using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Parley.Protocol;

namespace Parley.Bench.Micro;

/// <summary>One frame (a <c>msg</c> request) into a <see cref="ChatRequest"/>.</summary>
[MemoryDiagnoser]
public class RequestDecoderBenchmarks
{
    private readonly ReadOnlySequence<byte> _frame = new(Encoding.UTF8.GetBytes(Samples.Compact));

    [Benchmark]
    public ChatRequest? TryDecode() => RequestDecoder.TryDecode(_frame, out var request, out _) ? request : null;
}
