using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

/// <summary>The frame limit: a value over it is <see cref="JsonFrameKind.TooLarge"/>, found as early as possible.</summary>
public class JsonFrameReaderLimitTests
{
    private const int Limit = 100;

    /// <summary>A compact object of exactly <paramref name="length"/> bytes.</summary>
    private static string ObjectOfLength(int length)
    {
        const string Head = "{\"content\":\"";
        const string Tail = "\"}";
        return Head + new string('a', length - Head.Length - Tail.Length) + Tail;
    }

    [Fact]
    public void The_default_limit_is_64_KiB()
    {
        Assert.Equal(64 * 1024, JsonFrameReader.DefaultMaxFrameBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_value_exactly_at_the_limit_is_a_value(bool isCompleted)
    {
        var value = ObjectOfLength(Limit);
        foreach (var (_, sequence) in Sequences.Layouts(value + "\n"))
        {
            var buffer = sequence;

            Assert.True(JsonFrameReader.TryReadFrame(ref buffer, Limit, isCompleted, out var frame));

            Assert.Equal(JsonFrameKind.Value, frame.Kind);
            Assert.Equal(value, FrameStream.Describe(frame));
        }
    }

    [Fact]
    public void A_value_exactly_at_the_limit_arriving_byte_by_byte_is_a_value()
    {
        var value = ObjectOfLength(Limit);

        Assert.Equal([value, value], FrameStream.Read(Sequences.Chunks(Sequences.Utf8(value + value), 1), Limit));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_complete_value_one_byte_over_the_limit_is_too_large(bool isCompleted)
    {
        foreach (var (_, sequence) in Sequences.Layouts(ObjectOfLength(Limit + 1) + "\n{}"))
        {
            var buffer = sequence;

            Assert.True(JsonFrameReader.TryReadFrame(ref buffer, Limit, isCompleted, out var frame));

            Assert.Equal(JsonFrameKind.TooLarge, frame.Kind);
        }
    }

    [Fact]
    public void A_small_value_followed_by_more_data_than_the_limit_is_still_a_value()
    {
        var buffer = Sequences.Single("{\"a\":1}" + ObjectOfLength(Limit));

        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, Limit, isCompleted: false, out var frame));
        Assert.Equal(JsonFrameKind.Value, frame.Kind);
        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, Limit, isCompleted: false, out frame));
        Assert.Equal(JsonFrameKind.Value, frame.Kind);
    }

    [Fact]
    public void An_incomplete_value_at_the_limit_waits_for_more()
    {
        var buffer = Sequences.Single(ObjectOfLength(Limit)[..^1] + " ");

        Assert.Equal(Limit, buffer.Length);
        Assert.False(JsonFrameReader.TryReadFrame(ref buffer, Limit, isCompleted: false, out _));
    }

    [Fact]
    public void An_incomplete_value_growing_over_the_limit_is_too_large_without_waiting_for_its_end()
    {
        var stream = new FrameStream(Limit).Append("{\"request\":\"msg\",\"content\":\"");
        var fed = stream.RetainedBytes;
        while (stream.Frames.Count == 0)
        {
            Assert.True(fed <= Limit, "The reader waited past the limit.");
            stream.Append("aaaaaaa");
            fed += 7;
        }

        Assert.Equal([FrameStream.TooLarge], stream.Frames);
        Assert.InRange(fed, Limit + 1, Limit + 7);
    }

    [Fact]
    public void A_pretty_printed_value_growing_over_the_limit_line_by_line_is_too_large()
    {
        var stream = new FrameStream(Limit).Append("{\n");
        for (var i = 0; stream.Frames.Count == 0 && i < 100; i++)
        {
            stream.Append($"  \"key{i}\": [1, 2, 3],\n");
        }

        Assert.Equal([FrameStream.TooLarge], stream.Frames);
    }

    [Fact]
    public void An_oversize_value_split_in_two_is_too_large_at_every_split()
    {
        var bytes = Sequences.Utf8(ObjectOfLength(Limit + 20));
        for (var at = 0; at <= bytes.Length; at++)
        {
            var frames = FrameStream.Read(Sequences.SplitAt(bytes, at), Limit);

            Assert.Equal(FrameStream.TooLarge, frames[0]);
        }
    }

    [Fact]
    public void A_value_at_the_default_limit_is_read_and_one_byte_more_is_not()
    {
        var atLimit = ObjectOfLength(JsonFrameReader.DefaultMaxFrameBytes);
        var overLimit = ObjectOfLength(JsonFrameReader.DefaultMaxFrameBytes + 1);

        Assert.Equal([atLimit], FrameStream.Read(Sequences.Chunks(Sequences.Utf8(atLimit), 4096)));
        Assert.Equal(FrameStream.TooLarge, FrameStream.Read(Sequences.Chunks(Sequences.Utf8(overLimit), 4096))[0]);
    }
}
