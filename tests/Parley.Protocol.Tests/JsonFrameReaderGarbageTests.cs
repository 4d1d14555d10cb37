using System.Buffers;
using System.Text;
using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

/// <summary>Bytes that are not JSON: reported once, skipped to the next newline (or dropped), then reading goes on.</summary>
public class JsonFrameReaderGarbageTests
{
    private const string Help = "{\"request\":\"help\"}";

    [Theory]
    [InlineData("hello\n" + Help)]
    [InlineData("hello world\r\n" + Help)]
    [InlineData("{\"a\": oops}\n" + Help)]
    [InlineData("{\"a\":1,}\n" + Help)]
    [InlineData("{'a':1}\n" + Help)]
    [InlineData("nope\n" + Help)]
    [InlineData("12abc\n" + Help)]
    [InlineData("}\n" + Help)]
    [InlineData("\"raw\ttab\"\n" + Help)]
    [InlineData("// a comment\n" + Help)]
    public void A_line_of_garbage_is_one_invalid_frame_and_the_next_value_is_read(string input)
    {
        foreach (var (_, sequence) in Sequences.Layouts(input))
        {
            var buffer = sequence;
            var frames = new List<string>();
            while (JsonFrameReader.TryReadFrame(ref buffer, 1024, isCompleted: false, out var frame))
            {
                frames.Add(FrameStream.Describe(frame));
            }

            Assert.Equal([FrameStream.Invalid, Help], frames);
        }
    }

    [Theory]
    [InlineData("hello\n" + Help)]
    [InlineData("{\"a\": oops}\n" + Help)]
    [InlineData("{\n  \"a\": 1,\n  \"b\": oops }\n" + Help)]
    public void Garbage_split_at_any_byte_is_skipped_and_the_next_value_survives(string input)
    {
        var bytes = Sequences.Utf8(input);
        for (var at = 0; at <= bytes.Length; at++)
        {
            var frames = FrameStream.Read(Sequences.SplitAt(bytes, at), 1024);

            // The reader is stateless: a garbage line whose newline has not arrived yet is dropped, and the
            // rest of that line, in the next read, is garbage again. So one error per read, at most.
            Assert.Equal(Help, frames[^1]);
            Assert.InRange(frames.Count - 1, 1, 2);
            Assert.All(frames[..^1], f => Assert.Equal(FrameStream.Invalid, f));
        }

        var byteByByte = FrameStream.Read(Sequences.Chunks(bytes, 1), 1024);
        Assert.Equal(Help, byteByByte[^1]);
        Assert.All(byteByByte[..^1], f => Assert.Equal(FrameStream.Invalid, f));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("hello" + Help)]
    [InlineData("{\"a\": oops} " + Help + " " + Help)]
    public void Garbage_without_a_newline_is_discarded_entirely(string input)
    {
        var stream = new FrameStream(1024).Append(input);

        Assert.Equal([FrameStream.Invalid], stream.Frames);
        Assert.Equal(0, stream.RetainedBytes);

        stream.Append(Help);
        Assert.Equal([FrameStream.Invalid, Help], stream.Frames);
    }

    [Fact]
    public void Garbage_between_pretty_printed_values_is_skipped_to_the_next_line()
    {
        const string First = "{\n  \"request\": \"login\",\n  \"content\": \"bob\"\n}";
        const string Second = "{\n  \"request\": \"names\"\n}";
        var input = First + "\nthis is not json\n" + Second + "\n";

        Assert.Equal([First, FrameStream.Invalid, Second], FrameStream.Read([Sequences.Utf8(input)]));
    }

    [Fact]
    public void A_pretty_printed_value_broken_in_the_middle_is_reported_and_the_reader_recovers()
    {
        const string Broken = "{\n  \"request\": oops,\n  \"content\": null\n}\n";
        var input = Broken + Help + "\n" + Help;

        var frames = FrameStream.Read([Sequences.Utf8(input)]);

        // Skipping to the next newline resynchronises line by line: the rest of the broken value gives more
        // errors (PROTOCOL.md accepts that), but never swallows the values after it.
        Assert.Equal(FrameStream.Invalid, frames[0]);
        Assert.Equal([Help, Help], frames[^2..]);
        Assert.DoesNotContain(frames[..^2], f => f.StartsWith('{'));
    }

    [Fact]
    public void Megabytes_of_garbage_without_a_newline_are_never_held()
    {
        var stream = new FrameStream(1024);
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("garbage{\"a\": oops} ", 200)));
        for (var total = 0; total < 4 * 1024 * 1024; total += chunk.Length)
        {
            stream.Append(chunk);
        }

        Assert.Equal(0, stream.MaxRetainedBytes);
        Assert.All(stream.Frames, f => Assert.Equal(FrameStream.Invalid, f));

        stream.Append("\n" + Help);
        Assert.Equal(Help, stream.Frames[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Megabytes_of_random_bytes_never_make_the_reader_hold_more_than_the_limit(int seed)
    {
        const int Limit = 1024;
        var random = new Random(seed);
        var stream = new FrameStream(Limit);
        for (var total = 0; total < 4 * 1024 * 1024;)
        {
            var chunk = new byte[random.Next(1, 9000)];
            random.NextBytes(chunk);
            chunk.AsSpan().Replace((byte)'\n', (byte)'x');
            stream.Append(chunk);
            total += chunk.Length;
            Assert.True(stream.RetainedBytes <= Limit, $"Held {stream.RetainedBytes} bytes.");
        }

        Assert.True(stream.MaxRetainedBytes <= Limit);
    }

    [Fact]
    public void Garbage_lines_in_a_long_stream_are_dropped_as_they_come()
    {
        var stream = new FrameStream(1024);
        var line = Encoding.ASCII.GetBytes(new string('x', 900) + "\n");
        for (var i = 0; i < 1000; i++)
        {
            stream.Append(line);
        }

        Assert.True(stream.MaxRetainedBytes <= 1024);
        Assert.Equal(1000, stream.Frames.Count);
    }

    [Fact]
    public void A_value_cut_short_before_a_new_value_on_the_next_line_loses_only_itself()
    {
        var input = "{\"request\":\"msg\",\"content\":\"hi\"\n" + Help + "\n";

        Assert.Equal([FrameStream.Invalid, Help], FrameStream.Read([Sequences.Utf8(input)]));
    }

    [Fact]
    public void A_value_arriving_one_byte_per_read_with_carried_state_comes_out_whole()
    {
        // With the state carried between reads, each read parses only the new byte; without it the reader
        // would re-parse the whole held value on every read (quadratic work a slow sender could exploit).
        var value = "{\"request\":\"msg\",\"content\":\"" + new string('x', 2000) + "\"}";
        var bytes = Sequences.Utf8(value);
        var state = default(JsonFrameReaderState);
        var held = new List<byte>();
        JsonFrame frame = default;
        var found = false;
        foreach (var b in bytes)
        {
            held.Add(b);
            var buffer = new ReadOnlySequence<byte>(held.ToArray());
            found = JsonFrameReader.TryReadFrame(ref buffer, ref state, 64 * 1024, isCompleted: false, out frame);
            Assert.Equal(found ? 0 : held.Count, buffer.Length);
        }

        Assert.True(found);
        Assert.Equal(JsonFrameKind.Value, frame.Kind);
        Assert.Equal(value, System.Text.Encoding.UTF8.GetString(frame.Payload.ToArray()));
    }
}
