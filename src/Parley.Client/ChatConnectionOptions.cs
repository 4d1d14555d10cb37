using Parley.Protocol;

namespace Parley.Client;

/// <summary>Settings of a <see cref="ChatConnection"/>.</summary>
public sealed record ChatConnectionOptions
{
    /// <summary>
    /// The least time between two requests unless the first was answered (PROTOCOL.md: several peer servers
    /// read once per request, one sleeps 200 ms after every read). Default 250 ms.
    /// </summary>
    public TimeSpan RequestSpacing { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest value the client accepts. Larger than the server's limit: a history page may be big, and
    /// the client is the one that would otherwise lose it.
    /// </summary>
    public int MaxFrameBytes { get; init; } = 16 * JsonFrameReader.DefaultMaxFrameBytes;

    public static ChatConnectionOptions Default { get; } = new();
}
