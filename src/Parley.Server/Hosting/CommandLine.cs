using System.Text;

namespace Parley.Server.Hosting;

/// <summary>The server's command-line flags: each is a short name for a configuration key.</summary>
internal static class CommandLine
{
    private static readonly ChatServerOptions s_defaults = new();
    private static readonly TlsOptions s_tlsDefaults = new();

    private static readonly (string Flag, string Key, string Default, string Help)[] s_flags =
    [
        ("--host", "Host", s_defaults.Host, "address to listen on"),
        ("--db", "Database", s_defaults.Database, "SQLite file for history, rooms, accounts and bans"),
        ("--store", "Store", s_defaults.Store, "where those are kept: sqlite (--db) or postgres (--postgres)"),
        ("--postgres", "Postgres", "none", "PostgreSQL connection string (PARLEY__POSTGRES keeps a password out of ps)"),
        ("--port", "Port", s_defaults.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "TCP port (0 picks a free one)"),
        ("--http-port", "HttpPort", Invariant(s_defaults.HttpPort), "HTTP port: web client, /healthz, /metrics (0: off, -1: any free port)"),
        ("--tls-port", "TlsPort", Invariant(s_tlsDefaults.TlsPort), "TCP port for chat over TLS, needs a certificate (0: off, -1: any free port)"),
        ("--tls-cert", "TlsCert", "none", "TLS certificate chain, PEM; with one the HTTP port speaks HTTPS"),
        ("--tls-key", "TlsKey", "in --tls-cert", "the certificate's private key, PEM, unencrypted"),
        ("--tls-pfx", "TlsPfx", "none", "TLS certificate and key as PKCS#12, instead of --tls-cert"),
        ("--tls-pfx-password", "TlsPfxPassword", "none", "password of --tls-pfx (PARLEY__TLSPFXPASSWORD keeps it out of ps)"),
        ("--history-format", "HistoryFormat", s_defaults.HistoryFormat.ToString(), "history items as Strings (JSON-encoded) or Objects"),
        ("--history-delay", "HistoryDelayMilliseconds", Invariant(s_defaults.HistoryDelayMilliseconds), "ms between the login info and the history (0: none)"),
        ("--login-history-bytes", "LoginHistoryMaxBytes", Invariant(s_defaults.LoginHistoryMaxBytes), "the login history payload stays under this size"),
        ("--login-history-messages", "LoginHistoryMaxMessages", Invariant(s_defaults.LoginHistoryMaxMessages), "at most this many messages in the login history"),
        ("--max-message-length", "MaxMessageLength", Invariant(s_defaults.MaxMessageLength), "longest message text, in characters"),
        ("--max-frame-bytes", "MaxFrameBytes", Invariant(s_defaults.MaxFrameBytes), "largest payload accepted before the connection is closed"),
        ("--queue-limit", "OutboundQueueLimit", Invariant(s_defaults.OutboundQueueLimit), "payloads queued for one client before it is dropped as too slow"),
        ("--queue-bytes", "OutboundQueueMaxBytes", Invariant(s_defaults.OutboundQueueMaxBytes), "bytes queued for one client before it is dropped as too slow"),
        ("--message-burst", "MessageBurst", Invariant(s_defaults.MessageBurst), "msg/dm a client may send at once before the rate applies"),
        ("--message-rate", "MessagesPerSecond", Invariant(s_defaults.MessagesPerSecond), "msg/dm per second once the burst is spent"),
        ("--request-burst", "RequestBurst", Invariant(s_defaults.RequestBurst), "other requests a client may send at once"),
        ("--request-rate", "RequestsPerSecond", Invariant(s_defaults.RequestsPerSecond), "other requests per second once the burst is spent"),
        ("--flood-refusals", "FloodDisconnectRefusals", Invariant(s_defaults.FloodDisconnectRefusals), "rate-limited requests within the window that close the connection"),
        ("--flood-window", "FloodWindowSeconds", Invariant(s_defaults.FloodWindowSeconds), "seconds in which those refusals count"),
        ("--max-connections-per-address", "MaxConnectionsPerAddress", Invariant(s_defaults.MaxConnectionsPerAddress), "open connections from one IP address (loopback too)"),
        ("--max-connections", "MaxConnections", Invariant(s_defaults.MaxConnections), "open connections in all"),
        ("--login-timeout", "LoginTimeoutSeconds", Invariant(s_defaults.LoginTimeoutSeconds), "seconds a connection may stay without logging in"),
        ("--allowed-origins", "AllowedOrigins", "(own origin)", "other web origins whose pages may use /ws, comma-separated"),
        ("--backplane", "Backplane", s_defaults.Backplane, "link to the other nodes of one chat: none, or redis (nodes share --store postgres)"),
        ("--redis", "Redis", s_defaults.Redis, "the cluster's Redis, host:port[,password=...] (PARLEY__REDIS keeps a password out of ps)"),
        ("--redis-prefix", "RedisPrefix", s_defaults.RedisPrefix, "prefix of the Redis keys and channels (several chats on one Redis)"),
        ("--node-id", "NodeId", "host:port", "this node's id in the cluster, stable across its restarts"),
        ("--lease-seconds", "LeaseSeconds", Invariant(s_defaults.LeaseSeconds), "seconds a dead node's users stay listed in the cluster"),
    ];

    public static Dictionary<string, string> SwitchMappings { get; } =
        s_flags.ToDictionary(f => f.Flag, f => $"{ChatServerOptions.SectionName}:{f.Key}", StringComparer.OrdinalIgnoreCase);

    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    public static string HelpText()
    {
        var text = new StringBuilder()
            .AppendLine("Parley chat server (KTN protocol, JSON over TCP)")
            .AppendLine()
            .AppendLine("Usage: Parley.Server [options]")
            .AppendLine()
            .AppendLine("Options (default in brackets):");
        foreach (var (flag, _, value, help) in s_flags)
        {
            text.AppendLine($"  {flag + " <value>",-34} {help} [{value}]");
        }

        return text
            .AppendLine($"  {"--help",-34} show this text")
            .AppendLine()
            .AppendLine("Every option is also a configuration key: appsettings.json section \"Parley\", or an")
            .AppendLine("environment variable such as PARLEY__PORT=9999 (two underscores).")
            .ToString();
    }

    private static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
}
