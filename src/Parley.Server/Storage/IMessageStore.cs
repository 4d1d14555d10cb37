namespace Parley.Server.Storage;

/// <summary>
/// Where messages live. The chat core calls it; it knows nothing of sessions or the wire.
/// <see cref="AppendAsync"/> returns once the message is stored: a message is stored before anyone receives it.
/// </summary>
public interface IMessageStore
{
    /// <summary>Stores a message and gives it the next id.</summary>
    ValueTask<StoredMessage> AppendAsync(string room, string sender, string text, DateTimeOffset timestamp, CancellationToken cancellationToken);

    /// <summary>
    /// The most recent <paramref name="count"/> messages of a room with an id below <paramref name="beforeId"/>
    /// (all when null), oldest first.
    /// </summary>
    ValueTask<IReadOnlyList<StoredMessage>> GetRecentAsync(string room, int count, long? beforeId, CancellationToken cancellationToken);
}
