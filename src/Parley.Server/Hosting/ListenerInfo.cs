using System.Net;

namespace Parley.Server.Hosting;

/// <summary>
/// Where the listeners are bound, known once the host has started. With <c>--port 0</c> (or
/// <c>--http-port -1</c>) this is the only way for an embedding process (the end-to-end tests) to learn the
/// port the system picked.
/// </summary>
public sealed class ListenerInfo
{
    /// <summary>The bound KTN endpoint, or null before the host has started.</summary>
    public EndPoint? EndPoint { get; internal set; }

    /// <summary>The bound HTTP endpoint (HTTPS with a certificate), or null before start or when HTTP is off.</summary>
    public EndPoint? HttpEndPoint { get; internal set; }
}
