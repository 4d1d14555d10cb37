namespace Parley.Cluster;

/// <summary>
/// What links the nodes of one chat (several server processes sharing one store): who is logged in on which
/// node and in which room, and the traffic that must cross nodes (room broadcasts, direct deliveries, removals).
/// A name claimed through it is unique across nodes for as long as its node keeps renewing its lease; a node
/// that stops renewing (it died, or lost the link for longer than the lease) loses its users everywhere.
/// Methods that answer a question throw <see cref="BackplaneUnavailableException"/> when the link is down;
/// the fire-and-forget ones never throw and keep their order.
/// </summary>
public interface IChatBackplane : IAsyncDisposable
{
    /// <summary>This node's id, unique within the cluster (stable across restarts of the same node).</summary>
    string NodeId { get; }

    /// <summary>Since when this node is cut off from the others (its engine unreachable); null while linked.</summary>
    DateTimeOffset? CutOffSince { get; }

    /// <summary>Connects, removes what a previous run of this node left behind, takes the lease and starts listening.</summary>
    ValueTask StartAsync(IBackplaneListener listener, CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="name"/> (any letter case) for a user of this node, who is in <paramref name="room"/>
    /// (null: none yet); false when a live node holds it.
    /// </summary>
    ValueTask<bool> ClaimNameAsync(string name, string? room, CancellationToken cancellationToken);

    /// <summary>Gives the name up (and its room membership).</summary>
    void ReleaseName(string name);

    /// <summary>A user of this node is in <paramref name="room"/> now (null: in none).</summary>
    void SetRoom(string name, string? room);

    /// <summary>Who is where, cluster-wide: the user's node and room, or null when no live node holds the name.</summary>
    ValueTask<RemoteUser?> FindUserAsync(string name, CancellationToken cancellationToken);

    /// <summary>The users in <paramref name="room"/> on every live node.</summary>
    ValueTask<IReadOnlyList<string>> GetRoomMembersAsync(string room, CancellationToken cancellationToken);

    /// <summary>How many users each room has on every live node, in the order given.</summary>
    ValueTask<IReadOnlyList<int>> CountRoomMembersAsync(IReadOnlyList<string> rooms, CancellationToken cancellationToken);

    /// <summary>From now on this node hears the traffic of <paramref name="room"/> (once subscribed, when this returns).</summary>
    ValueTask SubscribeRoomAsync(string room, CancellationToken cancellationToken);

    /// <summary>
    /// Sends payload lines to the room's members on the other nodes: stored messages (their ids in
    /// <paramref name="messageIds"/>, one per line) or one notice (no ids).
    /// </summary>
    void PublishToRoom(string room, ReadOnlyMemory<byte> lines, ReadOnlyMemory<long> messageIds);

    /// <summary>Sends an order to the node a user is on.</summary>
    void SendToNode(string nodeId, NodeCommand command);
}
