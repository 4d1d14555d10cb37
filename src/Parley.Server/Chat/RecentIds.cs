namespace Parley.Server.Chat;

/// <summary>
/// The ids of the latest messages a room delivered on this node (a bounded window, oldest forgotten first).
/// Only rooms of a cluster keep one: a message can reach a node twice there, live from the backplane and
/// from the store when a catch-up runs, and each member must get it once. Used by the room's pump only.
/// </summary>
internal sealed class RecentIds
{
    private const int Capacity = 4096;

    private readonly HashSet<long> _ids = [];
    private readonly Queue<long> _order = new();

    public bool Contains(long id) => _ids.Contains(id);

    /// <summary>False when the id is in the window already.</summary>
    public bool Add(long id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > Capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }
}
