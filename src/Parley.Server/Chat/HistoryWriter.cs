using Parley.Protocol;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>Encodes messages as live <c>message</c> payloads and as <c>history</c> payloads in the configured format.</summary>
internal static class HistoryWriter
{
    public static MessagePayload ToPayload(StoredMessage message)
        => new(WireTime.Format(message.Timestamp), message.Sender, ResponseKinds.Message, message.Text, message.Id, message.Room, message.To);

    /// <summary>
    /// A history payload of the most recent <paramref name="messages"/> (oldest first) whose whole line stays
    /// under <paramref name="maxBytes"/> (null: no byte limit). Older messages are dropped first. The payload
    /// names <paramref name="room"/>, so a client can tell which room an empty history belongs to.
    /// </summary>
    public static byte[] Write(IReadOnlyList<StoredMessage> messages, HistoryFormat format, DateTimeOffset now, int? maxBytes, string room)
    {
        var timestamp = WireTime.Format(now);
        if (format == HistoryFormat.Objects)
        {
            var items = messages.Select(ToPayload).ToArray();
            var skip = maxBytes is { } limit
                ? FirstFitting(items.Select(p => PayloadWriter.ToLine(p).Length - 1).ToArray(), Envelope(timestamp, room), limit)
                : 0;
            return PayloadWriter.ToLine(new HistoryPayload<MessagePayload>(timestamp, Usernames.Server, ResponseKinds.History, items[skip..]) { Room = room });
        }

        var strings = messages.Select(m => PayloadWriter.ToJson(ToPayload(m))).ToArray();
        var start = maxBytes is { } max
            ? FirstFitting(strings.Select(EncodedStringLength).ToArray(), Envelope(timestamp, room), max)
            : 0;
        return PayloadWriter.ToLine(new HistoryPayload<string>(timestamp, Usernames.Server, ResponseKinds.History, strings[start..]) { Room = room });
    }

    /// <summary>Bytes of a history line with no items, newline included.</summary>
    private static int Envelope(string timestamp, string room)
        => PayloadWriter.ToLine(new HistoryPayload<string>(timestamp, Usernames.Server, ResponseKinds.History, []) { Room = room }).Length;

    /// <summary>Index of the oldest item such that it and every newer one fit in <paramref name="limit"/> bytes.</summary>
    private static int FirstFitting(int[] itemSizes, int envelope, int limit)
    {
        var total = envelope;
        var start = itemSizes.Length;
        while (start > 0)
        {
            var next = total + itemSizes[start - 1] + (start == itemSizes.Length ? 0 : 1); // a comma between items
            if (next >= limit)
            {
                break;
            }

            total = next;
            start--;
        }

        return start;
    }

    /// <summary>
    /// Length of an ASCII JSON text once written as a JSON string: the quotes, plus a backslash before every
    /// quote and backslash (the text holds no control or non-ASCII characters: they are escaped already).
    /// </summary>
    private static int EncodedStringLength(string json)
    {
        var length = json.Length + 2;
        foreach (var c in json)
        {
            if (c is '"' or '\\')
            {
                length++;
            }
        }

        return length;
    }
}
