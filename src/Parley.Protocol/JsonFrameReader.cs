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
    /// the caller can mark the rest as examined and wait for the next read. Between calls the caller keeps the
    /// unconsumed bytes in front, as <c>PipeReader.AdvanceTo(consumed, examined)</c> does.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the frame, or past skipped whitespace.</param>
    /// <param name="state">This stream's reader state, carried from call to call.</param>
    /// <param name="maxFrameBytes">The frame limit: a value (complete or not) longer than this is <see cref="JsonFrameKind.TooLarge"/>.</param>
    /// <param name="isCompleted">No more data will come: an unfinished value is reported as <see cref="JsonFrameKind.Invalid"/>.</param>
    /// <param name="frame">The frame found.</param>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, ref JsonFrameReaderState state, int maxFrameBytes, bool isCompleted, out JsonFrame frame)
    {
        frame = default;
        if (!state.InValue)
        {
            if (!SkipWhitespace(ref buffer, isCompleted) || buffer.IsEmpty)
            {
                return false;
            }

            state = new JsonFrameReaderState { InValue = true };
        }

        var reader = new Utf8JsonReader(buffer.Slice(state.Parsed), isFinalBlock: isCompleted, state.Reader);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    var length = state.Parsed + reader.BytesConsumed;
                    state = default;
                    return Complete(ref buffer, length, maxFrameBytes, out frame);
                }
            }
        }
        catch (JsonException ex)
        {
            state = default;
            SkipGarbage(ref buffer, ErrorOffset(buffer, ex));
            frame = new JsonFrame(JsonFrameKind.Invalid, default);
            return true;
        }

        state.Parsed += reader.BytesConsumed;
        state.Reader = reader.CurrentState;
        return Incomplete(ref buffer, ref state, maxFrameBytes, isCompleted, out frame);
    }

    /// <summary>
    /// The same without state carried between calls: an unfinished value is parsed again from its start on
    /// every call. Fine for whole buffers; a connection should keep a <see cref="JsonFrameReaderState"/>.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, bool isCompleted, out JsonFrame frame)
    {
        var state = default(JsonFrameReaderState);
        return TryReadFrame(ref buffer, ref state, maxFrameBytes, isCompleted, out frame);
    }

    private static bool Complete(ref ReadOnlySequence<byte> buffer, long length, int maxFrameBytes, out JsonFrame frame)
    {
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

    private static bool Incomplete(ref ReadOnlySequence<byte> buffer, ref JsonFrameReaderState state, int maxFrameBytes, bool isCompleted, out JsonFrame frame)
    {
        if (buffer.Length > maxFrameBytes)
        {
            state = default;
            buffer = buffer.Slice(buffer.End);
            frame = new JsonFrame(JsonFrameKind.TooLarge, default);
            return true;
        }

        if (isCompleted)
        {
            // The stream ended in the middle of a value.
            state = default;
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

    /// <summary>
    /// Garbage: skip to the first newline at or after the point of failure, or drop everything held when
    /// there is none (PROTOCOL.md: the next write starts afresh, since most peers send no delimiter). One exception: when parsing failed on a <c>{</c> that starts a line,
    /// the broken value was cut short (a lost <c>}</c>) and a new value begins there, so reading resumes at it.
    /// </summary>
    private static void SkipGarbage(ref ReadOnlySequence<byte> buffer, long errorOffset)
    {
        if (StartsValueOnItsOwnLine(buffer, errorOffset))
        {
            buffer = buffer.Slice(errorOffset);
            return;
        }

        var rest = buffer.Slice(errorOffset);
        if (rest.PositionOf((byte)'\n') is { } newline)
        {
            buffer = buffer.Slice(rest.GetPosition(1, newline));
            return;
        }

        buffer = buffer.Slice(buffer.End);
    }

    private static bool StartsValueOnItsOwnLine(ReadOnlySequence<byte> buffer, long offset)
    {
        if (offset <= 0 || offset >= buffer.Length || buffer.Slice(offset).FirstSpan[0] != (byte)'{')
        {
            return false;
        }

        // Only whitespace between the last newline before the offset and the offset.
        var sawNewline = false;
        var onlyWhitespace = true;
        foreach (var segment in buffer.Slice(0, offset))
        {
            foreach (var b in segment.Span)
            {
                if (b == (byte)'\n')
                {
                    sawNewline = true;
                    onlyWhitespace = true;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    onlyWhitespace = false;
                }
            }
        }

        return sawNewline && onlyWhitespace;
    }
}
