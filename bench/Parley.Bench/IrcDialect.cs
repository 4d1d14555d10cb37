using System.Text;

namespace Parley.Bench;

/// <summary>
/// IRC (RFC 2812) as ngircd and InspIRCd speak it: NICK/USER, wait for 001 (registered), JOIN #bench, wait
/// for the end of NAMES (366). Publishers may become operators first (<c>--irc-oper name:password</c>) to set ngircd's
/// user mode +F, its only switch for the per-read command cap ("relaxed flood protection").
/// </summary>
internal sealed class IrcDialect(string? oper) : Dialect
{
    public override string Name => "irc";

    public override byte[] Hello(string name) => Encoding.ASCII.GetBytes($"NICK {name}\r\nUSER {name} 0 * :bench\r\n");

    public override bool OnHandshakeLine(ReadOnlySpan<byte> line, string name, bool publisher, out byte[]? reply)
    {
        reply = null;
        if (line.StartsWith("PING"u8))
        {
            reply = Pong(line);
            return false;
        }

        if (line.StartsWith("ERROR"u8) || Numeric(line, "433"u8) || Numeric(line, "465"u8))
        {
            throw new InvalidOperationException($"{name}: {Encoding.UTF8.GetString(line)}");
        }

        if (Numeric(line, "001"u8))
        {
            var text = new StringBuilder();
            if (publisher && oper is { } credentials)
            {
                var parts = credentials.Split(':', 2);
                text.Append($"OPER {parts[0]} {parts[1]}\r\nMODE {name} +F\r\n");
            }

            if (Goal == LoginGoal.InRoom)
            {
                text.Append("JOIN #bench\r\n");
            }

            reply = Encoding.ASCII.GetBytes(text.ToString());
            // Registered: done at 001 (what follows it, OPER and MODE included, is handled in order by the server).
            return Goal != LoginGoal.InRoom;
        }

        return Numeric(line, "366"u8);
    }

    public override LineKind Classify(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("PING"u8))
        {
            return LineKind.Ping;
        }

        if (line.IndexOf(" PRIVMSG "u8) >= 0)
        {
            return LineKind.Delivery;
        }

        return line.StartsWith("ERROR"u8) ? LineKind.Fatal : LineKind.Other;
    }

    public override byte[] Pong(ReadOnlySpan<byte> line)
    {
        var pong = new byte[line.Length + 2];
        line.CopyTo(pong);
        "PO"u8.CopyTo(pong);
        "\r\n"u8.CopyTo(pong.AsSpan(line.Length));
        return pong;
    }

    public override (byte[] Prefix, byte[] Suffix) PublishFrame { get; } = ("PRIVMSG #bench :"u8.ToArray(), "\r\n"u8.ToArray());

    public override (byte[] Prefix, byte[] Suffix) DirectFrame(string to) => (Encoding.ASCII.GetBytes($"PRIVMSG {to} :"), "\r\n"u8.ToArray());

    public override byte[] Goodbye { get; } = "QUIT :bench\r\n"u8.ToArray();

    // ":server 001 nick :Welcome": the numeric is the second word.
    private static bool Numeric(ReadOnlySpan<byte> line, ReadOnlySpan<byte> code)
    {
        var space = line.IndexOf((byte)' ');
        return space >= 0 && line[(space + 1)..].StartsWith(code) && line.Length > space + 4 && line[space + 4] == (byte)' ';
    }
}
