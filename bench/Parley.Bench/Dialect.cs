namespace Parley.Bench;

/// <summary>What a member does with one line it received, in steady state.</summary>
internal enum LineKind
{
    Other,
    Delivery,
    Ping,
    Fatal,
}

/// <summary>Where a member's handshake ends.</summary>
internal enum LoginGoal
{
    /// <summary>Logged in (IRC: registered, 001), in no room: the idle workload and the registrations.</summary>
    Registered,

    /// <summary>Logged in and in #bench with the room's state received (IRC: end of NAMES, 366; Parley: the room's history).</summary>
    InRoom,

    /// <summary>Parley only: logged in, then the name registered as an account with a password (<c>register</c>).</summary>
    Account,
}

/// <summary>One server protocol, as far as the load generator needs it: log in, join, publish, recognise.</summary>
internal abstract class Dialect
{
    public abstract string Name { get; }

    public LoginGoal Goal { get; init; } = LoginGoal.InRoom;

    /// <summary>The bytes a member sends as soon as it is connected.</summary>
    public abstract byte[] Hello(string name);

    /// <summary>Handshake step: the reply to send (or null), and whether the member has reached <see cref="Goal"/>.</summary>
    public abstract bool OnHandshakeLine(ReadOnlySpan<byte> line, string name, bool publisher, out byte[]? reply);

    public abstract LineKind Classify(ReadOnlySpan<byte> line);

    /// <summary>The reply to a ping line (IRC's PONG); Parley never pings.</summary>
    public virtual byte[] Pong(ReadOnlySpan<byte> line) => [];

    /// <summary>Bytes before and after the message text in one publish request (to #bench).</summary>
    public abstract (byte[] Prefix, byte[] Suffix) PublishFrame { get; }

    /// <summary>Bytes before and after the message text in one direct message to <paramref name="to"/>.</summary>
    public abstract (byte[] Prefix, byte[] Suffix) DirectFrame(string to);

    /// <summary>The polite way out (Parley's <c>logout</c>, IRC's QUIT); the server then closes the connection.</summary>
    public abstract byte[] Goodbye { get; }

    public static Dialect Create(string name, string? ircOper, LoginGoal goal = LoginGoal.InRoom) => name switch
    {
        "parley" => new ParleyDialect { Goal = goal },
        "irc" when goal == LoginGoal.Account => throw new ArgumentException("the IRC daemons have no accounts to register"),
        "irc" => new IrcDialect(ircOper) { Goal = goal },
        _ => throw new ArgumentException($"unknown protocol '{name}' (parley or irc)"),
    };
}
