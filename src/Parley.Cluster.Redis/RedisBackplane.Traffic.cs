using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Parley.Cluster.Redis;

public sealed partial class RedisBackplane
{
    // Room channel (lower-case name) -> the room's name as this node knows it.
    private readonly ConcurrentDictionary<string, string> _rooms = new(StringComparer.Ordinal);

    public async ValueTask SubscribeRoomAsync(string room, CancellationToken cancellationToken)
    {
        var channel = RoomChannel(room);
        if (!_rooms.TryAdd(channel, room))
        {
            return;
        }

        try
        {
            // One queue per channel: its messages are handled one at a time, in the order published.
            var queue = await _redis!.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel)).WaitAsync(cancellationToken);
            queue.OnMessage(message => OnRoomMessageAsync(room, message.Message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _rooms.TryRemove(channel, out _);
            CutOff(ex.Message);
            throw new BackplaneUnavailableException($"The cluster's Redis is not reachable: {Shorten(ex.Message)}", ex);
        }
    }

    public void PublishToRoom(string room, ReadOnlyMemory<byte> lines, ReadOnlyMemory<long> messageIds)
    {
        var frame = RoomTraffic.Encode(_options.NodeId, lines.Span, messageIds.Span);
        _ = PublishAsync(RoomChannel(room), frame);
    }

    public void SendToNode(string nodeId, NodeCommand command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, BackplaneJsonContext.Default.NodeCommand);
        _ = PublishAsync(NodeChannel(nodeId), json);
    }

    private async Task PublishAsync(string channel, byte[] frame)
    {
        try
        {
            await _redis!.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), frame);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Lost for now: the other nodes get it from the store once this node is back and says so.
            CutOff(ex.Message);
        }
    }

    private async Task SubscribeNodeChannelsAsync()
    {
        var subscriber = _redis!.GetSubscriber();
        var orders = await subscriber.SubscribeAsync(RedisChannel.Literal(NodeChannel(_options.NodeId)));
        orders.OnMessage(message => OnNodeMessage(message.Message));
        var catchUps = await subscriber.SubscribeAsync(RedisChannel.Literal(CatchUpChannel));
        catchUps.OnMessage(message => OnCatchUpMessage(message.Message));
    }

    private async Task OnRoomMessageAsync(string room, RedisValue value)
    {
        if (!RoomTraffic.TryDecode((ReadOnlyMemory<byte>)value, out var node, out var ids, out var lines) || node == _options.NodeId)
        {
            return; // our own publication comes back to us: its members have it already
        }

        try
        {
            // Awaited: a room whose queue is full holds its channel back rather than dropping traffic.
            await _listener!.OnRoomTrafficAsync(room, lines, ids);
        }
        catch (Exception ex)
        {
            BackplaneLog.ListenerFailed(_logger, ex);
        }
    }

    private void OnNodeMessage(RedisValue value)
    {
        var command = Guard(() => JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, BackplaneJsonContext.Default.NodeCommand));
        if (command is not null)
        {
            Guard(() => _listener!.OnCommand(command));
        }
    }

    // "node\tunix-milliseconds": that node was cut off since then.
    private void OnCatchUpMessage(RedisValue value)
    {
        var parts = value.ToString().Split('\t');
        if (parts.Length != 2 || parts[0] == _options.NodeId
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var since))
        {
            return;
        }

        BackplaneLog.CatchingUp(_logger, parts[0]);
        Guard(() => _listener!.OnCatchUp(DateTimeOffset.FromUnixTimeMilliseconds(since) - _options.CatchUpMargin));
    }

    /// <summary>A listener that throws must not stop the channel's queue: the failure is logged and the next message goes on.</summary>
    private T? Guard<T>(Func<T> handle)
    {
        try
        {
            return handle();
        }
        catch (Exception ex)
        {
            BackplaneLog.ListenerFailed(_logger, ex);
            return default;
        }
    }

    private void Guard(Action handle) => Guard<object?>(() =>
    {
        handle();
        return null;
    });

    private string RoomChannel(string room) => $"{_options.Prefix}:room:{room.ToLowerInvariant()}";

    private string NodeChannel(string nodeId) => $"{_options.Prefix}:node:{nodeId}";

    private string CatchUpChannel => $"{_options.Prefix}:catch-up";
}
