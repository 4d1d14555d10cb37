namespace Parley.Cluster.Redis;

/// <summary>How a node reaches Redis and how it names itself there.</summary>
public sealed record RedisBackplaneOptions
{
    /// <summary>StackExchange.Redis configuration: "host:port", optionally followed by ",password=..." and other options.</summary>
    public required string Configuration { get; init; }

    /// <summary>The first part of every key and channel, so several chats (or test runs) can share one Redis.</summary>
    public string Prefix { get; init; } = "parley";

    /// <summary>
    /// This node's id. Stable across restarts of the same node (host and port by default), so a node that
    /// crashed and comes back takes its stale entries down at once instead of waiting out its lease.
    /// </summary>
    public required string NodeId { get; init; }

    /// <summary>
    /// How long a node's users outlive it: a node renews its lease three times per lease, and when the lease
    /// runs out (the node died, or lost Redis for that long) its users drop out of names, rooms and claims.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far before a detected outage the catch-up looks in the store: covers messages stored just before
    /// the link broke whose broadcast was lost, and clocks that differ a little between nodes.
    /// </summary>
    public TimeSpan CatchUpMargin { get; init; } = TimeSpan.FromSeconds(5);
}
