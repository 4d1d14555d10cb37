namespace Parley.Storage;

/// <summary>
/// Where messages live. The chat core calls it; it knows nothing of sessions or the wire.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores messages, giving them ascending ids in the order given. Returns once they are durable: a
    /// message is stored before anyone receives it. Stores commit many callers' messages together (group
    /// commit), so pass what you have and await.
    /// </summary>
    ValueTask<IReadOnlyList<StoredMessage>> AppendAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// The most recent <paramref name="count"/> room messages (not direct ones, not deleted ones) of
    /// <paramref name="room"/> (any letter case) with an id below <paramref name="beforeId"/> (all when null), oldest first.
    /// </summary>
    ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken);

    /// <summary>A message by id, or null when there is none or it was deleted.</summary>
    ValueTask<StoredMessage?> FindMessageAsync(long id, CancellationToken cancellationToken);

    /// <summary>Removes a message from history for good; false when there was no such (undeleted) message.</summary>
    ValueTask<bool> DeleteMessageAsync(long id, CancellationToken cancellationToken);
}
