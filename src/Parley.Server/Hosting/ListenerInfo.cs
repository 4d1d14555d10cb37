using System.Net;

namespace Parley.Server.Hosting;

/// <summary>
/// Where the KTN listener is bound, known once the host has started. With <c>--port 0</c> this is the only way
/// for an embedding process (the end-to-end tests) to learn the port the system picked.
/// </summary>
public sealed class ListenerInfo
{
    /// <summary>The bound endpoint, or null before the host has started.</summary>
    public EndPoint? EndPoint { get; internal set; }
}
