using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

/// <summary>The reader fed the way a socket delivers bytes: any value may be cut anywhere.</summary>
public class JsonFrameReaderStreamTests
{
    private static readonly string[] s_payloads =
    [
        "{\"request\":\"login\",\"content\":\"alice\"}",
        "{\n    \"request\": \"msg\",\r\n    \"content\": \"pretty\"\n}",
        """{"request":"msg","content":"\"quoted\" \\ back\\slash \u00e6\ud83d\ude00 {[}] \n\t"}""",
        "{\"request\":\"msg\",\"content\":\"blåbær 日本語 😀\"}",
        "{\"Request\":\"names\",\"nested\":{\"a\":[1,{\"b\":[]}],\"c\":\"}\"}}",
        "[1,2]",
        "{\"request\":\"help\",\"content\":null}",
    ];

    // Newline-terminated, undelimited, and whitespace-separated values in one stream.
    private static readonly string s_stream =
        s_payloads[0] + "\n" + s_payloads[1] + s_payloads[2] + "\r\n" + s_payloads[3] + " \t" + s_payloads[4]
        + "\n\n" + s_payloads[5] + "\n" + s_payloads[6];

    private static readonly byte[] s_bytes = Sequences.Utf8(s_stream);

    public static TheoryData<int> EverySplitPosition()
    {
        var data = new TheoryData<int>();
        for (var at = 0; at <= s_bytes.Length; at++)
        {
            data.Add(at);
        }

        return data;
    }

    [Fact]
    public void The_whole_stream_in_one_read_yields_every_payload()
    {
        Assert.Equal(s_payloads, FrameStream.Read([s_bytes]));
    }

    [Theory]
    [MemberData(nameof(EverySplitPosition))]
    public void A_stream_split_in_two_at_any_byte_yields_the_same_payloads(int at)
    {
        Assert.Equal(s_payloads, FrameStream.Read(Sequences.SplitAt(s_bytes, at)));
    }

    [Fact]
    public void A_stream_delivered_one_byte_at_a_time_yields_the_same_payloads()
    {
        Assert.Equal(s_payloads, FrameStream.Read(Sequences.Chunks(s_bytes, 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(42)]
    public void A_stream_delivered_in_random_chunks_yields_the_same_payloads(int seed)
    {
        var random = new Random(seed);
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < s_bytes.Length;)
        {
            var size = Math.Min(random.Next(0, 17), s_bytes.Length - offset);
            chunks.Add(s_bytes[offset..(offset + size)]);
            offset += size;
        }

        Assert.Equal(s_payloads, FrameStream.Read(chunks));
    }

    [Fact]
    public void Every_value_is_delivered_as_soon_as_its_last_byte_arrives()
    {
        var stream = new FrameStream();
        var payload = Sequences.Utf8(s_payloads[2]);

        stream.Append(payload[..^1]);
        Assert.Empty(stream.Frames);

        stream.Append(payload[^1..]);
        Assert.Equal([s_payloads[2]], stream.Frames);
        Assert.Equal(0, stream.RetainedBytes);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_skipped()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Sequences.Utf8("{\"request\":\"help\"}\n")];

        Assert.Equal(["{\"request\":\"help\"}"], FrameStream.Read([input]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_byte_order_mark_split_across_reads_is_skipped(int at)
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Sequences.Utf8("{\"request\":\"help\"}")];

        Assert.Equal(["{\"request\":\"help\"}"], FrameStream.Read(Sequences.SplitAt(input, at)));
    }

    [Fact]
    public void A_byte_order_mark_delivered_one_byte_at_a_time_is_skipped()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. Sequences.Utf8(" {\"request\":\"help\"}\n{\"request\":\"names\"}")];

        Assert.Equal(["{\"request\":\"help\"}", "{\"request\":\"names\"}"], FrameStream.Read(Sequences.Chunks(input, 1)));
    }

    [Fact]
    public void A_partial_byte_order_mark_is_kept_until_the_next_read()
    {
        var stream = new FrameStream().Append([0xEF]);

        Assert.Empty(stream.Frames);
        Assert.Equal(1, stream.RetainedBytes);

        stream.Append([0xBB]).Append([0xBF, (byte)'{', (byte)'}']);
        Assert.Equal(["{}"], stream.Frames);
    }

    [Fact]
    public void A_truncated_byte_order_mark_at_the_end_of_the_stream_is_invalid()
    {
        Assert.Equal([FrameStream.Invalid], FrameStream.Read([[0xEF, 0xBB]]));
    }
}
