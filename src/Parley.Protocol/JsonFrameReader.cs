using System.Buffers;
using System.Text.Json;

namespace Parley.Protocol;

/// <summary>
/// The tolerant reader of PROTOCOL.md: the stream is a sequence of JSON values with optional whitespace
/// between them. Boundaries are found by parsing (<see cref="Utf8JsonReader"/>, so strings and escapes are
/// understood), never by splitting on newlines: values may be concatenated with no delimiter, split across
/// reads, or pretty-printed over many lines. A UTF-8 byte-order mark between values is skipped.
/// Pure functions over <see cref="ReadOnlySequence{T}"/>; no I/O.
/// </summary>
public static class JsonFrameReader
{
    public const int DefaultMaxFrameBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads the next frame from the front of <paramref name="buffer"/>, advancing it past what was consumed.
    /// Returns <see langword="false"/> when more data is needed; whitespace already skipped stays consumed, so
    /// the caller can mark the rest as examined and wait for the next read.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the frame, or past skipped whitespace.</param>
    /// <param name="maxFrameBytes">The frame limit: a value (complete or not) longer than this is <see cref="JsonFrameKind.TooLarge"/>.</param>
    /// <param name="isCompleted">No more data will come: an unfinished value is reported as <see cref="JsonFrameKind.Invalid"/>.</param>
    /// <param name="frame">The frame found.</param>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, bool isCompleted, out JsonFrame frame)
    {
        frame = default;
        if (!SkipWhitespace(ref buffer, isCompleted) || buffer.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(buffer, isFinalBlock: isCompleted, state: default);
        long length;
        try
        {
            var complete = reader.Read()
                && (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip());
            if (!complete)
            {
                return Incomplete(ref buffer, maxFrameBytes, isCompleted, out frame);
            }

            length = reader.BytesConsumed;
        }
        catch (JsonException ex)
        {
            SkipGarbage(ref buffer, ErrorOffset(buffer, ex));
            frame = new JsonFrame(JsonFrameKind.Invalid, default);
            return true;
        }

        if (length > maxFrameBytes)
        {
            buffer = buffer.Slice(buffer.End);
            frame = new JsonFrame(JsonFrameKind.TooLarge, default);
            return true;
        }

        frame = new JsonFrame(JsonFrameKind.Value, buffer.Slice(0, length));
        buffer = buffer.Slice(length);
        return true;
    }

    private static bool Incomplete(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, bool isCompleted, out JsonFrame frame)
    {
        if (buffer.Length > maxFrameBytes)
        {
            buffer = buffer.Slice(buffer.End);
            frame = new JsonFrame(JsonFrameKind.TooLarge, default);
            return true;
        }

        if (isCompleted)
        {
            // The stream ended in the middle of a value.
            buffer = buffer.Slice(buffer.End);
            frame = new JsonFrame(JsonFrameKind.Invalid, default);
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>Skips whitespace and byte-order marks. False when a partial BOM waits for more bytes.</summary>
    private static bool SkipWhitespace(ref ReadOnlySequence<byte> buffer, bool isCompleted)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryPeek(out var b))
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                reader.Advance(1);
                continue;
            }

            if (b == 0xEF)
            {
                if (reader.IsNext(Bom, advancePast: true))
                {
                    continue;
                }

                if (!isCompleted && reader.Remaining < Bom.Length && StartsWithBomPrefix(reader.UnreadSequence))
                {
                    buffer = buffer.Slice(reader.Position);
                    return false;
                }
            }

            break;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool StartsWithBomPrefix(ReadOnlySequence<byte> rest)
    {
        Span<byte> head = stackalloc byte[2];
        var n = (int)Math.Min(rest.Length, head.Length);
        rest.Slice(0, n).CopyTo(head);
        return Bom.StartsWith(head[..n]);
    }

    /// <summary>The offset in <paramref name="buffer"/> where the reader gave up, from the exception's line and column.</summary>
    private static long ErrorOffset(ReadOnlySequence<byte> buffer, JsonException ex)
    {
        var line = ex.LineNumber ?? 0;
        var column = ex.BytePositionInLine ?? 0;
        var reader = new SequenceReader<byte>(buffer);
        for (long i = 0; i < line; i++)
        {
            if (!reader.TryAdvanceTo((byte)'\n'))
            {
                return buffer.Length;
            }
        }

        return Math.Min(reader.Consumed + column, buffer.Length);
    }

    /// <summary>Garbage: skip to the first newline at or after the point of failure, or drop everything when there is none.</summary>
    private static void SkipGarbage(ref ReadOnlySequence<byte> buffer, long errorOffset)
    {
        var rest = buffer.Slice(errorOffset);
        var newline = rest.PositionOf((byte)'\n');
        buffer = newline is { } position ? buffer.Slice(rest.GetPosition(1, position)) : buffer.Slice(buffer.End);
    }
}
