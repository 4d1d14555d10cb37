using System.Buffers;

namespace Parley.Protocol;

/// <summary>What <see cref="JsonFrameReader"/> found at the front of the stream.</summary>
public enum JsonFrameKind
{
    /// <summary>One complete, well-formed JSON value (not necessarily an object).</summary>
    Value,

    /// <summary>Bytes that are not JSON; they were skipped up to the next newline (or all of them).</summary>
    Invalid,

    /// <summary>A value longer than the frame limit; the connection should be closed.</summary>
    TooLarge,
}

/// <summary>One result of the frame reader. <see cref="Payload"/> is only meaningful for <see cref="JsonFrameKind.Value"/>.</summary>
public readonly record struct JsonFrame(JsonFrameKind Kind, ReadOnlySequence<byte> Payload);
