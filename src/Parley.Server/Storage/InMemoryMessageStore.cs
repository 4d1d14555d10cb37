namespace Parley.Server.Storage;

/// <summary>History kept in memory, lost at restart. Thread-safe; one list per room.</summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Dictionary<string, List<StoredMessage>> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private long _lastId;

    public ValueTask<StoredMessage> AppendAsync(string room, string sender, string text, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var message = new StoredMessage(++_lastId, room, sender, text, timestamp);
            if (!_rooms.TryGetValue(room, out var list))
            {
                list = [];
                _rooms.Add(room, list);
            }

            list.Add(message);
            return ValueTask.FromResult(message);
        }
    }

    public ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (count <= 0 || !_rooms.TryGetValue(room, out var list))
            {
                return ValueTask.FromResult<IReadOnlyList<StoredMessage>>([]);
            }

            // Ids ascend along the list, so binary search for the end of the page.
            var end = list.Count;
            if (beforeId is { } before)
            {
                end = list.BinarySearch(new StoredMessage(before, room, string.Empty, string.Empty, default), IdComparer.Instance);
                end = end < 0 ? ~end : end;
            }

            var start = Math.Max(0, end - count);
            return ValueTask.FromResult<IReadOnlyList<StoredMessage>>(list.GetRange(start, end - start));
        }
    }

    private sealed class IdComparer : IComparer<StoredMessage>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(StoredMessage? x, StoredMessage? y) => x!.Id.CompareTo(y!.Id);
    }
}
