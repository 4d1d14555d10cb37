using System.Buffers;
using System.Text;

namespace Parley.Protocol.Tests.Support;

/// <summary>
/// Simulates a connection's read loop over a pipe: each chunk is appended (as a new segment) to what is
/// still held, frames are read until the reader asks for more, and the unread rest is kept, as
/// <c>PipeReader.AdvanceTo(consumed, examined)</c> would.
/// </summary>
internal sealed class FrameStream(int maxFrameBytes = JsonFrameReader.DefaultMaxFrameBytes)
{
    public const string Invalid = "<invalid>";
    public const string TooLarge = "<too large>";

    private readonly List<byte[]> _held = [];
    private JsonFrameReaderState _state;

    /// <summary>Every frame read so far: the payload text of a value, or <see cref="Invalid"/> / <see cref="TooLarge"/>.</summary>
    public List<string> Frames { get; } = [];

    /// <summary>The most bytes ever held after a read loop: what a connection would keep in memory.</summary>
    public long MaxRetainedBytes { get; private set; }

    public long RetainedBytes => _held.Sum(segment => (long)segment.Length);

    public static List<string> Read(IEnumerable<byte[]> chunks, int maxFrameBytes = JsonFrameReader.DefaultMaxFrameBytes)
    {
        var stream = new FrameStream(maxFrameBytes);
        foreach (var chunk in chunks)
        {
            stream.Append(chunk);
        }

        return stream.Complete().Frames;
    }

    public static string Describe(JsonFrame frame) => frame.Kind switch
    {
        JsonFrameKind.Value => Encoding.UTF8.GetString(frame.Payload.ToArray()),
        JsonFrameKind.Invalid => Invalid,
        JsonFrameKind.TooLarge => TooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(frame)),
    };

    public FrameStream Append(string text) => Append(Encoding.UTF8.GetBytes(text));

    public FrameStream Append(byte[] chunk)
    {
        _held.Add(chunk);
        Drain(isCompleted: false);
        return this;
    }

    /// <summary>The peer closed the stream: read what is left with <c>isCompleted</c>.</summary>
    public FrameStream Complete()
    {
        Drain(isCompleted: true);
        Assert.Equal(0, RetainedBytes);
        return this;
    }

    private void Drain(bool isCompleted)
    {
        var buffer = Sequences.FromSegments(_held);
        while (true)
        {
            var before = buffer.Length;
            if (!JsonFrameReader.TryReadFrame(ref buffer, ref _state, maxFrameBytes, isCompleted, out var frame))
            {
                break;
            }

            Assert.True(buffer.Length < before, "A frame must consume bytes, or the read loop would spin.");
            Frames.Add(Describe(frame));
        }

        _held.Clear();
        foreach (var segment in buffer)
        {
            if (!segment.IsEmpty)
            {
                _held.Add(segment.ToArray());
            }
        }

        MaxRetainedBytes = Math.Max(MaxRetainedBytes, RetainedBytes);
    }
}
