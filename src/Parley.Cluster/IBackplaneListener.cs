namespace Parley.Cluster;

/// <summary>The chat core, as the backplane sees it: where traffic from other nodes goes.</summary>
public interface IBackplaneListener
{
    /// <summary>Payload lines another node sent to a room (see <see cref="IChatBackplane.PublishToRoom"/>); the next waits for it.</summary>
    ValueTask OnRoomTrafficAsync(string room, ReadOnlyMemory<byte> lines, long[] messageIds);

    /// <summary>An order for one of this node's users.</summary>
    void OnCommand(NodeCommand command);

    /// <summary>This node's users now (name, room), for taking the names up again after the link or the lease was lost.</summary>
    IReadOnlyList<(string Name, string? Room)> LocalUsers();

    /// <summary>A user's name went to another node while this one was cut off: the user must go.</summary>
    void OnNameLost(string name);

    /// <summary>
    /// Traffic may have been missed since <paramref name="since"/> (this node or another was cut off): what
    /// was stored since then and not delivered here is to be delivered from the store.
    /// </summary>
    void OnCatchUp(DateTimeOffset since);
}
