namespace Parley.Cli;

/// <summary>Where the connection to the server stands, for the status line.</summary>
internal enum ConnectionState
{
    Connected,

    /// <summary>The connection dropped; the client waits before the next attempt.</summary>
    Reconnecting,

    /// <summary>Closed for good: we logged out, or the client is leaving.</summary>
    Disconnected,
}
