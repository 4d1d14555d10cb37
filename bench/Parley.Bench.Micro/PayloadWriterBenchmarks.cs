using System.Buffers;
using BenchmarkDotNet.Attributes;
using Parley.Protocol;

namespace Parley.Bench.Micro;

/// <summary>A <c>message</c> payload written as a line: into a new array (as a broadcast does) or a reused buffer.</summary>
[MemoryDiagnoser]
public class PayloadWriterBenchmarks
{
    private readonly MessagePayload _payload = new("2026-11-25T16:00:00.000Z", "alice", ResponseKinds.Message, Samples.Text, 123456, "lobby");
    private readonly ArrayBufferWriter<byte> _output = new(1024);

    [Benchmark]
    public byte[] ToLine() => PayloadWriter.ToLine(_payload);

    [Benchmark]
    public int WriteReused()
    {
        _output.ResetWrittenCount();
        PayloadWriter.Write(_output, _payload);
        return _output.WrittenCount;
    }
}
