using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Server.Storage;

namespace Parley.Server.Chat;

/// <summary>
/// A set of members who see each other's messages. Publishing is serialised per room, so every member
/// receives the room's messages in id order, and a joining member's history snapshot meets the live stream
/// with no gap and no duplicate. Fan-out serialises a message once and shares the bytes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Rooms live as long as the server; the semaphore never allocates a wait handle.")]
public sealed class Room
{
    private readonly IMessageStore _store;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _membersLock = new();
    private ChatSession[] _members = [];

    internal Room(string name, IMessageStore store)
    {
        Name = name;
        _store = store;
    }

    public string Name { get; }

    /// <summary>A snapshot of the members, safe to enumerate while others join and leave.</summary>
    public IReadOnlyList<ChatSession> Members => Volatile.Read(ref _members);

    /// <summary>
    /// Adds a member. <paramref name="welcome"/> gets the most recent <paramref name="historyCount"/> messages
    /// and queues what the member must see first (the login info, the history); it runs under the room's gate,
    /// before the member is added, so no live message can overtake it.
    /// </summary>
    internal async ValueTask JoinAsync(ChatSession session, int historyCount, Action<IReadOnlyList<StoredMessage>> welcome, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var history = await _store.GetRecentAsync(Name, historyCount, beforeId: null, cancellationToken);
            welcome(history);
            lock (_membersLock)
            {
                _members = [.. _members, session];
            }

            session.Room = this;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal void Leave(ChatSession session)
    {
        lock (_membersLock)
        {
            var index = Array.IndexOf(_members, session);
            if (index >= 0)
            {
                _members = [.. _members[..index], .. _members[(index + 1)..]];
            }
        }

        if (session.Room == this)
        {
            session.Room = null;
        }
    }

    /// <summary>Stores a message, then delivers it to every member (the sender included).</summary>
    internal async ValueTask<StoredMessage> PublishAsync(string sender, string text, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Once accepted, a message is stored and delivered even if its sender leaves meanwhile.
            var stored = await _store.AppendAsync(Name, sender, text, timestamp, CancellationToken.None);
            var line = PayloadWriter.ToLine(HistoryWriter.ToPayload(stored));
            foreach (var member in Volatile.Read(ref _members))
            {
                member.TrySend(line);
            }

            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }
}
