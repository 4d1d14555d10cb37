namespace Parley.Bench;

/// <summary>What a member does with one line it received, in steady state.</summary>
internal enum LineKind
{
    Other,
    Delivery,
    Ping,
    Fatal,
}

/// <summary>One server protocol, as far as the load generator needs it: log in, join, publish, recognise.</summary>
internal abstract class Dialect
{
    public abstract string Name { get; }

    /// <summary>False: log in (IRC: register) and stay out of every room, as the idle workload does.</summary>
    public bool JoinRoom { get; init; } = true;

    /// <summary>The bytes a member sends as soon as it is connected.</summary>
    public abstract byte[] Hello(string name);

    /// <summary>Handshake step: the reply to send (or null), and whether the member is now in the room.</summary>
    public abstract bool OnHandshakeLine(ReadOnlySpan<byte> line, string name, bool publisher, out byte[]? reply);

    public abstract LineKind Classify(ReadOnlySpan<byte> line);

    /// <summary>The reply to a ping line (IRC's PONG); Parley never pings.</summary>
    public virtual byte[] Pong(ReadOnlySpan<byte> line) => [];

    /// <summary>Bytes before and after the message text in one publish request.</summary>
    public abstract (byte[] Prefix, byte[] Suffix) PublishFrame { get; }

    public static Dialect Create(string name, string? ircOper, bool joinRoom = true) => name switch
    {
        "parley" => new ParleyDialect { JoinRoom = joinRoom },
        "irc" => new IrcDialect(ircOper) { JoinRoom = joinRoom },
        _ => throw new ArgumentException($"unknown protocol '{name}' (parley or irc)"),
    };
}
