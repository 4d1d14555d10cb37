using Parley.Protocol;

namespace Parley.Server;

/// <summary>How history items are encoded on the wire.</summary>
public enum HistoryFormat
{
    /// <summary>Each item is a JSON-encoded string of a message payload (what most peer clients need).</summary>
    Strings,

    /// <summary>Each item is a plain message object.</summary>
    Objects,
}

/// <summary>
/// Server settings, bound from the <c>Parley</c> configuration section (appsettings.json, <c>PARLEY__*</c>
/// environment variables, command-line flags). Defaults follow PROTOCOL.md.
/// </summary>
public sealed record ChatServerOptions
{
    public const string SectionName = "Parley";

    /// <summary>For <see cref="HttpPort"/> and the TLS port: no listener at all.</summary>
    public const int PortOff = 0;

    /// <summary>For <see cref="HttpPort"/> and the TLS port: a free port picked at start-up (logged; tests use it).</summary>
    public const int AnyFreePort = -1;

    /// <summary>Address every listener binds: the chat port, the TLS chat port and the HTTP port.</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one (logged at start-up).</summary>
    public int Port { get; init; } = 9998;

    /// <summary>
    /// HTTP port (web client, <c>/healthz</c>, <c>/metrics</c>) on <see cref="Host"/>; HTTPS when a TLS
    /// certificate is configured. <see cref="PortOff"/> (0, as the issue asks) turns HTTP off, so
    /// "any free port" needs a value of its own: <see cref="AnyFreePort"/>.
    /// </summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>
    /// The SQLite file that keeps messages, rooms, accounts, bans and the audit log (created when missing;
    /// relative paths are from the working directory).
    /// </summary>
    public string Database { get; init; } = "parley.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>Normal</c> survives a crash of the server process (kill -9);
    /// <c>Full</c> also survives power loss, at the cost of a disk flush per group commit.
    /// </summary>
    public string DatabaseSynchronous { get; init; } = "Normal";

    /// <summary>
    /// Where messages, rooms, accounts, bans and the audit log are kept: <c>sqlite</c> (the file
    /// <see cref="Database"/>) or <c>postgres</c> (the database <see cref="Postgres"/> names, which several
    /// server processes may share).
    /// </summary>
    public string Store { get; init; } = "sqlite";

    /// <summary>
    /// For <see cref="Store"/> <c>postgres</c>: an Npgsql connection string, e.g.
    /// <c>Host=db;Username=parley;Password=...;Database=parley</c>. One that holds a password is better set as
    /// the environment variable <c>PARLEY__POSTGRES</c> than as a flag, which <c>ps</c> shows to every user.
    /// </summary>
    public string Postgres { get; init; } = "";

    /// <summary>Largest accepted payload; a larger one gets an error and the connection is closed.</summary>
    public int MaxFrameBytes { get; init; } = JsonFrameReader.DefaultMaxFrameBytes;

    /// <summary>Longest accepted message text, in characters.</summary>
    public int MaxMessageLength { get; init; } = 4000;

    /// <summary>Pause between the login info and the history payload; 0 turns it off.</summary>
    public int HistoryDelayMilliseconds { get; init; } = 50;

    public HistoryFormat HistoryFormat { get; init; } = HistoryFormat.Strings;

    /// <summary>The login history payload stays under this many bytes, so it fits one 4 KiB read.</summary>
    public int LoginHistoryMaxBytes { get; init; } = 4000;

    /// <summary>At most this many messages in the login history.</summary>
    public int LoginHistoryMaxMessages { get; init; } = 100;

    /// <summary>At most this many messages in one page answered to a <c>history</c> request.</summary>
    public int HistoryPageMaxMessages { get; init; } = 100;

    /// <summary>
    /// Payloads that may wait in one session's outbound queue. A client that falls this far behind is
    /// disconnected as a slow consumer, so a broadcast never waits for it.
    /// </summary>
    public int OutboundQueueLimit { get; init; } = 1024;

    /// <summary>
    /// Bytes that may wait in one session's outbound queue (a broadcast counts its full size for every
    /// recipient, though the bytes are shared). A few huge payloads fill memory long before the payload
    /// count does, so this caps the same slow-consumer policy by size.
    /// </summary>
    public long OutboundQueueMaxBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>
    /// Chat messages (<c>msg</c>, <c>dm</c>) one connection may send at once before the rate applies (Ergo's
    /// burst). Excess requests get <c>rate_limited</c> and are not executed.
    /// </summary>
    public int MessageBurst { get; init; } = 5;

    /// <summary>Chat messages per second a connection earns back once its burst is spent.</summary>
    public double MessagesPerSecond { get; init; } = 2;

    /// <summary>
    /// Every other request (and unreadable payloads) share a more generous bucket of their own, so that
    /// <c>names</c> or <c>history</c> cannot be used to flood either, while a client's start-up burst passes.
    /// </summary>
    public int RequestBurst { get; init; } = 20;

    /// <summary>Other requests per second a connection earns back once its burst is spent.</summary>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>Refused (rate-limited) requests within <see cref="FloodWindowSeconds"/> that close the connection.</summary>
    public int FloodDisconnectRefusals { get; init; } = 20;

    /// <summary>The window, counted from the first refusal in it, for <see cref="FloodDisconnectRefusals"/>.</summary>
    public double FloodWindowSeconds { get; init; } = 10;

    /// <summary>Open connections from one IP address; more are refused with <c>too_many_connections</c>. Loopback counts too.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 16;

    /// <summary>Open connections in all; more are refused with <c>too_many_connections</c>.</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>
    /// A connection that has not logged in this long after connecting is told and closed. Generous, because
    /// people type <c>login</c> by hand. 0 turns it off.
    /// </summary>
    public double LoginTimeoutSeconds { get; init; } = 300;

    /// <summary>
    /// Web pages from other origins allowed to open the chat WebSocket (comma-separated, e.g.
    /// <c>https://chat.example.org</c>; <c>*</c> allows any). The server's own pages are always allowed.
    /// </summary>
    public string AllowedOrigins { get; init; } = "";

    /// <summary>
    /// What links this server to the other nodes of one chat: <c>none</c> (this process is the whole chat) or
    /// <c>redis</c> (<see cref="Redis"/>; the nodes must share one store too: <c>--store postgres</c>).
    /// </summary>
    public string Backplane { get; init; } = "none";

    /// <summary>The Redis of the cluster: "host:port", optionally with StackExchange.Redis options (",password=...").</summary>
    public string Redis { get; init; } = "localhost:6379";

    /// <summary>Prefix of every Redis key and channel: several chats can share one Redis.</summary>
    public string RedisPrefix { get; init; } = "parley";

    /// <summary>This node's id in the cluster; empty: host name and port (stable across restarts, which frees stale names at once).</summary>
    public string NodeId { get; init; } = "";

    /// <summary>Seconds a node's users outlive it in the cluster when it dies (renewed three times per lease).</summary>
    public double LeaseSeconds { get; init; } = 15;

    /// <summary>Seconds the server waits for clients to receive the shutdown notice before closing them.</summary>
    public int ShutdownGraceSeconds { get; init; } = 2;

    /// <summary>
    /// Names that moderate once registered and logged in with their password (<c>Parley:Moderators</c>, e.g.
    /// <c>PARLEY__MODERATORS__0=alice</c>). Accounts promoted with <c>op</c> moderate too.
    /// </summary>
    public IReadOnlyList<string> Moderators { get; init; } = [];

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP's 2023 minimum is the default). Stored
    /// hashes carry their own count, so raising this upgrades each account at its next login.
    /// </summary>
    public int PasswordIterations { get; init; } = 600_000;

    /// <summary>Failed password attempts per name or per address, within the window, before logins are refused.</summary>
    public int LoginFailureLimit { get; init; } = 5;

    /// <summary>The sliding window in which failed password attempts count.</summary>
    public int LoginFailureWindowSeconds { get; init; } = 300;

    /// <summary>The first lockout once the limit is reached; each further lockout doubles it (up to an hour).</summary>
    public int LoginLockoutSeconds { get; init; } = 30;
}
