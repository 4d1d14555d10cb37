using System.Text;

namespace Parley.Bench;

/// <summary>Parley's protocol (docs/PROTOCOL.md): JSON requests in, one JSON payload per line out.</summary>
internal sealed class ParleyDialect : Dialect
{
    public override string Name => "parley";

    public override byte[] Hello(string name) =>
        Encoding.ASCII.GetBytes($"{{\"request\":\"login\",\"content\":\"{name}\"}}\n" + (JoinRoom ? "{\"request\":\"join\",\"content\":\"bench\"}\n" : ""));

    public override bool OnHandshakeLine(ReadOnlySpan<byte> line, string name, bool publisher, out byte[]? reply)
    {
        reply = null;
        if (line.IndexOf("\"response\":\"error\""u8) >= 0)
        {
            throw new InvalidOperationException($"{name}: {Encoding.UTF8.GetString(line)}");
        }

        return JoinRoom
            ? line.IndexOf("\"content\":\"You joined #bench\""u8) >= 0
            : line.IndexOf("\"content\":\"Login successful\""u8) >= 0;
    }

    public override LineKind Classify(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf("\"response\":\"message\""u8) >= 0)
        {
            return LineKind.Delivery;
        }

        // An error in steady state (rate_limited, slow consumer...) means the run is not valid.
        return line.IndexOf("\"response\":\"error\""u8) >= 0 ? LineKind.Fatal : LineKind.Other;
    }

    public override (byte[] Prefix, byte[] Suffix) PublishFrame { get; } =
        ("{\"request\":\"msg\",\"content\":\""u8.ToArray(), "\"}\n"u8.ToArray());
}
