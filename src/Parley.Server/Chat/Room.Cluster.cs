using System.Buffers;
using System.Threading.Channels;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>The room's part in a cluster: traffic to and from the room's members on other nodes.</summary>
public sealed partial class Room
{
    // How far back in the room's history a catch-up looks for messages this node missed.
    private const int CatchUpMessages = 1000;

    private readonly RecentIds? _recent;

    // In a cluster, the lines bound for the members here gather over one turn of the pump (this node's run and
    // the runs other nodes sent meanwhile) and go to each member together: a backlog, written in as few writes
    // as fit (PROTOCOL.md). A sender's publish completes once its message is handed to the members.
    private readonly List<TaskCompletionSource>? _pendingDone;
    private ArrayBufferWriter<byte>? _pending;
    private int _pendingCount;

    /// <summary>Queues lines another node sent to this room; waits while the room's queue is full.</summary>
    internal async ValueTask EnqueueRemoteAsync(ReadOnlyMemory<byte> lines, long[] messageIds)
    {
        try
        {
            await _work.Writer.WriteAsync(new RoomWork.Remote(lines, messageIds));
        }
        catch (ChannelClosedException)
        {
            // The server is shutting down: its members are being told goodbye.
        }
    }

    /// <summary>Queues a catch-up from the store (see <see cref="RoomWork.CatchUp"/>).</summary>
    internal void EnqueueCatchUp(DateTimeOffset since) => _work.Writer.TryWrite(new RoomWork.CatchUp(since));

    /// <summary>Stored messages to the members here and, unless they came from the store's catch-up, to the other nodes.</summary>
    private void DeliverAcrossNodes(IReadOnlyList<StoredMessage> stored, bool publish)
    {
        var lines = new ArrayBufferWriter<byte>(stored.Count * 160);
        var ids = new long[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            PayloadWriter.Write(lines, HistoryWriter.ToPayload(stored[i]));
            ids[i] = stored[i].Id;
            _recent!.Add(ids[i]);
        }

        AddPending(lines.WrittenSpan, stored.Count);
        if (publish)
        {
            _backplane!.PublishToRoom(Name, lines.WrittenMemory, ids);
        }
    }

    private void DeliverRemote(RoomWork.Remote remote)
    {
        if (remote.MessageIds.Length == 0)
        {
            AddPending(remote.Lines.Span, 1); // a notice
            return;
        }

        var lines = SplitLines(remote.Lines);
        if (lines.Count != remote.MessageIds.Length)
        {
            RoomLog.MalformedTraffic(_logger, Name, remote.MessageIds.Length, lines.Count);
            return;
        }

        // A catch-up may have delivered some of them already: each member gets a message once.
        for (var i = 0; i < lines.Count; i++)
        {
            if (_recent!.Add(remote.MessageIds[i]))
            {
                AddPending(lines[i].Span, 1);
            }
        }
    }

    private void AddPending(ReadOnlySpan<byte> lines, int count)
    {
        (_pending ??= new ArrayBufferWriter<byte>(Math.Max(lines.Length, 4096))).Write(lines);
        _pendingCount += count;
    }

    /// <summary>A publish is done once its message is handed to the members: at once here, or at the flush in a cluster.</summary>
    private void Delivered(TaskCompletionSource done)
    {
        if (_pendingDone is { } waiting)
        {
            waiting.Add(done);
        }
        else
        {
            done.TrySetResult();
        }
    }

    /// <summary>Hands what gathered to the members (a fresh buffer each time: their queues keep the bytes).</summary>
    private void FlushPending()
    {
        if (_pending is { } pending && _pendingCount > 0)
        {
            DeliverLines(pending.WrittenMemory, _pendingCount);
        }

        _pending = null;
        _pendingCount = 0;
        if (_pendingDone is { Count: > 0 } done)
        {
            foreach (var publish in done)
            {
                publish.TrySetResult();
            }

            done.Clear();
        }
    }

    /// <summary>
    /// Delivers what the store has of this room since <paramref name="since"/> that was not delivered here:
    /// another node's broadcasts lost while this node or that one was cut off from the backplane.
    /// </summary>
    private async Task CatchUpAsync(DateTimeOffset since)
    {
        try
        {
            var recent = await _store.GetRecentAsync(Name, CatchUpMessages, beforeId: null, CancellationToken.None);
            var missed = recent.Where(m => m.Timestamp >= since && !_recent!.Contains(m.Id)).ToList();
            if (missed.Count > 0)
            {
                RoomLog.CaughtUp(_logger, Name, missed.Count);
                Deliver(missed, publish: false);
            }
        }
        catch (Exception ex)
        {
            RoomLog.CatchUpFailed(_logger, Name, ex);
        }
    }

    /// <summary>
    /// Lines (each ending in a newline) of <paramref name="count"/> payloads to every member here: one by one
    /// when they are few, else as a backlog in writes of at most <see cref="MaxRunWriteBytes"/> (see <see cref="Deliver"/>).
    /// </summary>
    private void DeliverLines(ReadOnlyMemory<byte> lines, int count)
    {
        if (count < ChatSession.BacklogThreshold)
        {
            foreach (var line in SplitLines(lines))
            {
                Broadcast(new OutboundItem(line));
            }

            return;
        }

        var chunkStart = 0;
        var chunkCount = 0;
        var at = 0;
        foreach (var line in SplitLines(lines))
        {
            if (chunkCount > 0 && at + line.Length - chunkStart > MaxRunWriteBytes)
            {
                Broadcast(new OutboundItem(lines[chunkStart..at], Count: chunkCount));
                chunkStart = at;
                chunkCount = 0;
            }

            at += line.Length;
            chunkCount++;
        }

        Broadcast(new OutboundItem(lines[chunkStart..at], Count: chunkCount));
    }

    /// <summary>The payload lines, newline included (JSON escapes every newline inside a payload).</summary>
    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> lines)
    {
        var result = new List<ReadOnlyMemory<byte>>();
        var rest = lines;
        while (rest.Length > 0)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var length = end < 0 ? rest.Length : end + 1;
            result.Add(rest[..length]);
            rest = rest[length..];
        }

        return result;
    }

    private static partial class RoomLog
    {
        [LoggerMessage(22, LogLevel.Information, "Room {Room}: {Count} messages stored while a node was cut off were delivered from the store")]
        public static partial void CaughtUp(ILogger logger, string room, int count);

        [LoggerMessage(23, LogLevel.Error, "Room {Room}: catching up from the store failed")]
        public static partial void CatchUpFailed(ILogger logger, string room, Exception exception);

        [LoggerMessage(24, LogLevel.Warning, "Room {Room}: traffic from another node had {Ids} ids for {Lines} lines; dropped")]
        public static partial void MalformedTraffic(ILogger logger, string room, int ids, int lines);
    }
}
