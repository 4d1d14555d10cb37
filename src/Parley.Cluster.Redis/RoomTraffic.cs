using System.Buffers.Binary;
using System.Text;

namespace Parley.Cluster.Redis;

/// <summary>
/// One publication on a room's channel: the sending node (so it can skip its own), the ids of the stored
/// messages among the lines (none for a notice), then the payload lines exactly as the members receive them,
/// serialised once by the sender. Layout: node id length (1 byte), node id (ASCII), id count (4 bytes, little
/// endian), ids (8 bytes each), lines.
/// </summary>
internal static class RoomTraffic
{
    public static byte[] Encode(string nodeId, ReadOnlySpan<byte> lines, ReadOnlySpan<long> messageIds)
    {
        var nodeLength = Encoding.ASCII.GetByteCount(nodeId);
        var header = 1 + nodeLength + 4 + (8 * messageIds.Length);
        var frame = new byte[header + lines.Length];
        frame[0] = checked((byte)nodeLength);
        Encoding.ASCII.GetBytes(nodeId, frame.AsSpan(1, nodeLength));
        var at = 1 + nodeLength;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(at), messageIds.Length);
        at += 4;
        foreach (var id in messageIds)
        {
            BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(at), id);
            at += 8;
        }

        lines.CopyTo(frame.AsSpan(at));
        return frame;
    }

    /// <summary>False when the frame is not one (another program on the channel): it is ignored.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> frame, out string nodeId, out long[] messageIds, out ReadOnlyMemory<byte> lines)
    {
        nodeId = string.Empty;
        messageIds = [];
        lines = default;
        var span = frame.Span;
        if (span.Length < 5 || span.Length < 1 + span[0] + 4)
        {
            return false;
        }

        var nodeLength = span[0];
        nodeId = Encoding.ASCII.GetString(span.Slice(1, nodeLength));
        var at = 1 + nodeLength;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        if (count < 0 || (long)count * 8 > span.Length - at)
        {
            return false;
        }

        messageIds = new long[count];
        for (var i = 0; i < count; i++, at += 8)
        {
            messageIds[i] = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        }

        lines = frame[at..];
        return true;
    }
}
