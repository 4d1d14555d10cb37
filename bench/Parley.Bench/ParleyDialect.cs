using System.Text;

namespace Parley.Bench;

/// <summary>Parley's protocol (docs/PROTOCOL.md): JSON requests in, one JSON payload per line out.</summary>
internal sealed class ParleyDialect : Dialect
{
    /// <summary>Every account gets the same password: the cost measured is the server's hashing, not the choice.</summary>
    private const string AccountPassword = "bench-password";

    public override string Name => "parley";

    public override byte[] Hello(string name)
    {
        var hello = new StringBuilder($"{{\"request\":\"login\",\"content\":\"{name}\"}}\n");
        if (Goal == LoginGoal.InRoom)
        {
            hello.Append("{\"request\":\"join\",\"content\":\"bench\"}\n");
        }
        else if (Goal == LoginGoal.Account)
        {
            hello.Append($"{{\"request\":\"register\",\"content\":\"{AccountPassword}\"}}\n");
        }

        return Encoding.ASCII.GetBytes(hello.ToString());
    }

    public override bool OnHandshakeLine(ReadOnlySpan<byte> line, string name, bool publisher, out byte[]? reply)
    {
        reply = null;
        if (line.IndexOf("\"response\":\"error\""u8) >= 0)
        {
            throw new InvalidOperationException($"{name}: {Encoding.UTF8.GetString(line)}");
        }

        return Goal switch
        {
            // The join is answered with "You joined #bench", then the room's history: the history is the last
            // payload of the answer, as 366 (end of NAMES) is of IRC's JOIN.
            LoginGoal.InRoom => line.IndexOf("\"response\":\"history\""u8) >= 0 && line.IndexOf("\"room\":\"bench\""u8) >= 0,
            LoginGoal.Account => line.IndexOf(" is now registered to you."u8) >= 0,
            _ => line.IndexOf("\"content\":\"Login successful\""u8) >= 0,
        };
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

    public override (byte[] Prefix, byte[] Suffix) DirectFrame(string to) =>
        (Encoding.ASCII.GetBytes($"{{\"request\":\"dm\",\"content\":\"{to} "), "\"}\n"u8.ToArray());

    public override byte[] Goodbye { get; } = "{\"request\":\"logout\"}\n"u8.ToArray();
}
