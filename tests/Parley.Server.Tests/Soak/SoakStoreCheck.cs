using Parley.Storage;

namespace Parley.Server.Tests.Soak;

/// <summary>
/// What the server's store (its SQLite file) must hold once every client has gone: each room's messages
/// exactly as every well-behaved member received them (same ids, senders and texts, same order, nothing
/// missing or twice), each well-behaved sender's acknowledged messages once and in order, every message a
/// chaos client saw echoed, and every account the server said it registered.
/// </summary>
internal static class SoakStoreCheck
{
    public static async Task VerifyAsync(IChatStore store, IReadOnlyList<WellBehavedClient> wellBehaved, IReadOnlyList<string> registered, ChaosLedger ledger, SoakSettings settings)
    {
        var cancellationToken = CancellationToken.None;
        var rooms = new Dictionary<string, IReadOnlyList<StoredMessage>>(StringComparer.OrdinalIgnoreCase);
        foreach (var room in wellBehaved.Select(c => c.Room).Distinct().Concat(SoakCast.ChaosRooms))
        {
            rooms[room] = await store.GetRecentAsync(room, int.MaxValue, beforeId: null, cancellationToken);
        }

        foreach (var client in wellBehaved)
        {
            var stored = rooms[client.Room];
            AssertSameSequence([.. stored.Select(m => new ReceivedMessage(m.Id, m.Sender, ReceivedMessage.Hash(m.Text)))], client.Received, $"{client.Name} in #{client.Room}", settings);
            var own = stored.Where(m => m.Sender == client.Name).Select(m => m.Text).ToArray();
            var said = Enumerable.Range(0, client.Acknowledged).Select(client.TextOf).Append(WellBehavedClient.EndMarker(client.Name)).ToArray();
            Assert.True(said.SequenceEqual(own), $"{settings}: {client.Name} had {said.Length} messages acknowledged; the store holds {own.Length} of its, not the same or not in order.");
        }

        foreach (var message in ledger.Messages)
        {
            var stored = await store.FindMessageAsync(message.Id, cancellationToken);
            Assert.True(stored == new StoredMessage(message.Id, message.Room, message.Sender, message.Text, stored?.Timestamp ?? default, message.To),
                $"{settings}: message {message.Id} from {message.Sender} was acknowledged, the store holds {stored?.ToString() ?? "nothing"}.");
            if (message.Room is { } room)
            {
                Assert.True(rooms[room].Count(m => m.Text == message.Text) == 1, $"{settings}: message {message.Id} from {message.Sender} is not in #{room} exactly once.");
            }
        }

        foreach (var name in registered.Concat(ledger.Accounts))
        {
            Assert.True(await store.FindAccountAsync(name, cancellationToken) is not null, $"{settings}: the account {name} was registered and is gone.");
        }
    }

    private static void AssertSameSequence(IReadOnlyList<ReceivedMessage> stored, IReadOnlyList<ReceivedMessage> received, string who, SoakSettings settings)
    {
        var common = Math.Min(stored.Count, received.Count);
        var first = 0;
        while (first < common && stored[first] == received[first])
        {
            first++;
        }

        Assert.True(first == stored.Count && first == received.Count,
            $"{settings}: {who} received {received.Count} messages, the room holds {stored.Count}; they part at #{first}: "
            + $"received {(first < received.Count ? received[first].ToString() : "nothing")}, stored {(first < stored.Count ? stored[first].ToString() : "nothing")}.");
    }
}
