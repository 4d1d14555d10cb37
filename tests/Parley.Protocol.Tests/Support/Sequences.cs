using System.Buffers;
using System.Text;

namespace Parley.Protocol.Tests.Support;

/// <summary>Builds the input of the frame reader: one segment, or a chain of segments cut where a test says.</summary>
internal static class Sequences
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ReadOnlySequence<byte> Single(string text) => new(Utf8(text));

    /// <summary>A multi-segment sequence; empty parts become empty segments, which a pipe may also produce.</summary>
    public static ReadOnlySequence<byte> FromSegments(IReadOnlyList<byte[]> parts)
    {
        if (parts.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new BufferSegment(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Count; i++)
        {
            last = last.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public static ReadOnlySequence<byte> FromSegments(params string[] parts) => FromSegments(parts.Select(Utf8).ToArray());

    /// <summary>The bytes cut into pieces of <paramref name="size"/> bytes (the last one may be shorter).</summary>
    public static byte[][] Chunks(byte[] bytes, int size) => bytes.Chunk(size).ToArray();

    /// <summary>The bytes cut in two at <paramref name="at"/>; either half may be empty.</summary>
    public static byte[][] SplitAt(byte[] bytes, int at) => [bytes[..at], bytes[at..]];

    /// <summary>The same bytes laid out as one segment, as one segment per byte, and in segments of 3 and of half the length.</summary>
    public static IEnumerable<(string Layout, ReadOnlySequence<byte> Sequence)> Layouts(string text)
    {
        var bytes = Utf8(text);
        yield return ("one segment", new ReadOnlySequence<byte>(bytes));
        yield return ("one byte per segment", FromSegments(Chunks(bytes, 1)));
        yield return ("three bytes per segment", FromSegments(Chunks(bytes, 3)));
        yield return ("two halves", FromSegments(SplitAt(bytes, bytes.Length / 2)));
    }
}
