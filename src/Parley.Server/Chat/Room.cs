using System.Buffers;
using System.Threading.Channels;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>
/// A set of members who see each other's messages. One pump per room takes its queue in order: runs of
/// messages are stored together (one call to the store, which group-commits across rooms too), then each is
/// delivered to every member in id order; a join reads the history and adds the member between two runs, so
/// the history meets the live stream with no gap and no duplicate. Fan-out serialises a message once and
/// shares the bytes; it never waits for a member (<see cref="ChatSession.TrySend"/>).
/// </summary>
public sealed partial class Room
{
    // Enough to absorb bursts from many senders; a full queue makes senders wait (only them: the pump and
    // the fan-out never wait on a sender).
    private const int QueueCapacity = 8192;
    private const int MaxRun = 512;
    private const int MaxRunWriteBytes = 64 * 1024;

    private readonly IMessageStore _store;
    private readonly ILogger _logger;
    private readonly ServerCounters _counters;
    private readonly Channel<RoomWork> _work = Channel.CreateBounded<RoomWork>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly Lock _membersLock = new();
    private readonly Task _pump;
    private readonly IChatBackplane? _backplane;
    private ChatSession[] _members = [];

    internal Room(string name, IMessageStore store, ServerCounters counters, ILogger logger, IChatBackplane? backplane = null)
    {
        Name = name;
        _store = store;
        _counters = counters;
        _logger = logger;
        _backplane = backplane;
        _recent = backplane is null ? null : new RecentIds();
        _pendingDone = backplane is null ? null : [];
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The room's name as first created (rooms compare case-insensitively).</summary>
    public string Name { get; }

    /// <summary>A snapshot of the members, safe to enumerate while others join and leave.</summary>
    public IReadOnlyList<ChatSession> Members => Volatile.Read(ref _members);

    /// <summary>
    /// Queues a message to be stored and then delivered to every member (the sender included), in queue order.
    /// Returns once it is queued (waiting only while the queue is full), with a task that completes once it is
    /// delivered or refused; null when the room no longer takes messages (the server is shutting down). A
    /// session's messages keep their order without waiting for each other, since they share this queue.
    /// </summary>
    internal async ValueTask<Task?> EnqueuePublishAsync(ChatSession sender, NewMessage message, CancellationToken cancellationToken)
    {
        var item = new RoomWork.Publish(sender, message);
        while (await _work.Writer.WaitToWriteAsync(cancellationToken))
        {
            if (_work.Writer.TryWrite(item))
            {
                // Not cancelled with the connection: the message is on its way and will be delivered.
                return item.Done.Task;
            }
        }

        return null;
    }

    /// <summary>Adds a member once everything queued before it is delivered; see <see cref="RoomWork.Join"/>.</summary>
    internal async Task JoinAsync(ChatSession session, int historyCount, Action<IReadOnlyList<StoredMessage>> welcome, CancellationToken cancellationToken)
    {
        var join = new RoomWork.Join(session, historyCount, welcome);
        while (await _work.Writer.WaitToWriteAsync(cancellationToken))
        {
            if (_work.Writer.TryWrite(join))
            {
                await join.Done.Task.WaitAsync(cancellationToken);
                return;
            }
        }

        throw new OperationCanceledException("The room is closed: the server is shutting down.");
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
            if (session.Username is { } name)
            {
                _backplane?.SetRoom(name, null); // a logout releases the name, and the room with it
            }
        }
    }

    /// <summary>Sends a payload to every member now, on every node (notices: joins, leaves, removals).</summary>
    internal void Broadcast(ReadOnlyMemory<byte> line)
    {
        Broadcast(new OutboundItem(line));
        _backplane?.PublishToRoom(Name, line, ReadOnlyMemory<long>.Empty);
    }

    /// <summary>Offers one item (one payload, or a run of them) to every member here; never waits for any.</summary>
    private void Broadcast(OutboundItem item)
    {
        var delivered = 0;
        foreach (var member in Volatile.Read(ref _members))
        {
            if (member.TryEnqueue(item))
            {
                delivered++;
            }
        }

        _counters.Delivered((long)delivered * item.Count);
    }

    /// <summary>Stops taking work and finishes what is queued (at shutdown, before the store closes).</summary>
    internal Task DrainAsync()
    {
        _work.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync()
    {
        var batch = new List<RoomWork>(MaxRun);
        var run = new List<RoomWork.Publish>(MaxRun);
        while (await _work.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxRun && _work.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            foreach (var item in batch)
            {
                if (item is RoomWork.Publish publish)
                {
                    run.Add(publish);
                    continue;
                }

                await PublishRunAsync(run);
                switch (item)
                {
                    case RoomWork.Join join:
                        FlushPending();
                        await JoinAsync(join);
                        break;
                    case RoomWork.Remote remote:
                        DeliverRemote(remote);
                        break;
                    case RoomWork.CatchUp catchUp:
                        FlushPending();
                        await CatchUpAsync(catchUp.Since);
                        FlushPending();
                        break;
                }
            }

            await PublishRunAsync(run);
            FlushPending();
            batch.Clear();
        }
    }

    private async Task PublishRunAsync(List<RoomWork.Publish> run)
    {
        if (run.Count == 0)
        {
            return;
        }

        try
        {
            // Once accepted, a message is stored and delivered even if its sender leaves meanwhile.
            var stored = await _store.AppendAsync(run.ConvertAll(p => p.Message), CancellationToken.None);
            Deliver(stored);

            _counters.MessagesAccepted(stored.Count);
            foreach (var publish in run)
            {
                Delivered(publish.Done);
            }
        }
        catch (Exception ex)
        {
            // Nothing was delivered, so nothing acknowledged is lost; the senders learn their messages failed.
            // A storage fault (a full disk) was logged once by StoreHealth, not once per run.
            if (ex is StoreUnavailableException fault)
            {
                RoomLog.StoreUnavailable(_logger, Name, run.Count, fault.Reason);
            }
            else
            {
                RoomLog.StoreFailed(_logger, Name, run.Count, ex);
            }

            FlushPending(); // what was accepted before goes out before the refusal
            var text = StoreRefusal.MessageNotDelivered(ex);
            foreach (var publish in run)
            {
                publish.Sender.SendError(ErrorCodes.StoreUnavailable, text);
                publish.Done.TrySetResult();
            }
        }
        finally
        {
            run.Clear();
        }
    }

    /// <summary>
    /// Delivers stored messages to every member, in id order. A run of several has them all pending for every
    /// member at once, which is a backlog (PROTOCOL.md): each member gets the run in as few writes as fit
    /// <see cref="MaxRunWriteBytes"/>, and the bytes are serialised once for all of them.
    /// </summary>
    private void Deliver(IReadOnlyList<StoredMessage> stored, bool publish = true)
    {
        if (_recent is not null)
        {
            DeliverAcrossNodes(stored, publish);
            return;
        }

        if (stored.Count < ChatSession.BacklogThreshold)
        {
            foreach (var message in stored)
            {
                Broadcast(new OutboundItem(PayloadWriter.ToLine(HistoryWriter.ToPayload(message))));
            }

            return;
        }

        var lines = new ArrayBufferWriter<byte>(stored.Count * 160);
        var chunkStart = 0;
        var chunkCount = 0;
        foreach (var message in stored)
        {
            var before = lines.WrittenCount;
            PayloadWriter.Write(lines, HistoryWriter.ToPayload(message));
            if (chunkCount > 0 && lines.WrittenCount - chunkStart > MaxRunWriteBytes)
            {
                Broadcast(new OutboundItem(lines.WrittenMemory[chunkStart..before], Count: chunkCount));
                chunkStart = before;
                chunkCount = 0;
            }

            chunkCount++;
        }

        Broadcast(new OutboundItem(lines.WrittenMemory[chunkStart..], Count: chunkCount));
    }

    private async Task JoinAsync(RoomWork.Join join)
    {
        try
        {
            var history = await _store.GetRecentAsync(Name, join.HistoryCount, beforeId: null, CancellationToken.None);
            join.Welcome(history);
            lock (_membersLock)
            {
                _members = [.. _members, join.Session];
            }

            join.Session.Room = this;
            if (join.Session.Username is { } name)
            {
                _backplane?.SetRoom(name, Name);
            }
            else
            {
                Leave(join.Session); // logged out (or gone) while joining
            }

            join.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            // Not a refusal the session may answer with "nothing done": the joiner has left its old room (or
            // claimed its name) by now, so a store fault here closes the connection like any other error.
            join.Done.TrySetException(ex is StoreUnavailableException ? new InvalidOperationException($"Joining #{Name} failed: {ex.Message}", ex) : ex);
        }
    }

    private static partial class RoomLog
    {
        [LoggerMessage(20, LogLevel.Error, "Room {Room}: storing {Count} messages failed; none was delivered")]
        public static partial void StoreFailed(ILogger logger, string room, int count, Exception exception);

        [LoggerMessage(21, LogLevel.Debug, "Room {Room}: {Count} messages refused, none delivered: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string room, int count, string reason);
    }
}
