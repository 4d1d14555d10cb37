namespace Parley.Client;

/// <summary>
/// The id of the newest message seen in each room (live or in a history), so that after a reconnect the
/// client can tell what it missed from what it already showed. Direct messages are in no room's history and
/// are not counted. Messages without a room (servers without rooms) count for <see cref="ClientState.DefaultRoom"/>.
/// Thread-safe: the receive loop writes, the reconnect logic reads.
/// </summary>
public sealed class SeenIds
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _newest = new(StringComparer.OrdinalIgnoreCase);

    public void Observe(ServerEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        switch (received.Kind)
        {
            case ServerEventKind.Message:
                Observe(received, null);
                break;
            case ServerEventKind.History:
                foreach (var item in received.History)
                {
                    Observe(item, received.Room);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The newest id seen in <paramref name="room"/>; <see langword="null"/> when none was (or the server sends no ids).</summary>
    public long? LastSeen(string? room)
    {
        lock (_lock)
        {
            return _newest.TryGetValue(room ?? ClientState.DefaultRoom, out var id) ? id : null;
        }
    }

    private void Observe(ServerEvent message, string? fallbackRoom)
    {
        if (message.Kind != ServerEventKind.Message || message.IsDirect || message.Id is not { } id)
        {
            return;
        }

        var room = message.Room ?? fallbackRoom ?? ClientState.DefaultRoom;
        lock (_lock)
        {
            if (!_newest.TryGetValue(room, out var known) || id > known)
            {
                _newest[room] = id;
            }
        }
    }
}
