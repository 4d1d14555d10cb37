using System.Buffers;
using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

public class JsonFrameReaderTests
{
    private const string Pretty = "{\r\n  \"request\": \"msg\",\n\t\"content\": \"hi\"\n}";

    private static readonly Dictionary<string, (string Input, string[] Frames)> s_cases = new()
    {
        ["compact object with newline"] = ("{\"request\":\"help\"}\n", ["{\"request\":\"help\"}"]),
        ["compact object without delimiter"] = ("{\"request\":\"help\"}", ["{\"request\":\"help\"}"]),
        ["concatenated objects"] = ("{\"a\":1}{\"b\":2}{\"c\":3}", ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]),
        ["objects between whitespace"] = (
            " \n{\"a\":1} \n\t{\"b\":2}\r\n{\"c\":3}\t\r\n\n  ",
            ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]),
        ["pretty-printed object"] = (Pretty + "\n", [Pretty]),
        ["pretty-printed objects back to back"] = (Pretty + Pretty + "\r\n" + Pretty, [Pretty, Pretty, Pretty]),
        ["strings with braces, quotes and escapes"] = (
            """{"content":"} { ] [ \" \\ \\\" \\\\ \u00e6 \ud83d\ude00 a\nb \/ }}"}{"request":"]"}""",
            ["""{"content":"} { ] [ \" \\ \\\" \\\\ \u00e6 \ud83d\ude00 a\nb \/ }}"}""", """{"request":"]"}"""]),
        ["a string ending in an escaped backslash"] = ("""{"c":"\\"}{"d":"\""}""", ["""{"c":"\\"}""", """{"d":"\""}"""]),
        ["nested objects and arrays"] = (
            """{"a":{"b":[1,{"c":[]},"}"]},"d":[[{}]],"e":{"f":{"g":null}}}""" + "\n",
            ["""{"a":{"b":[1,{"c":[]},"}"]},"d":[[{}]],"e":{"f":{"g":null}}}"""]),
        ["non-ASCII UTF-8 in strings"] = ("{\"content\":\"blåbærsyltetøy 日本語 😀\"}", ["{\"content\":\"blåbærsyltetøy 日本語 😀\"}"]),
        ["top-level values that are not objects"] = (
            "42\n\"str\"[1,2]null\ntrue\n-1.5e3 {}",
            ["42", "\"str\"", "[1,2]", "null", "true", "-1.5e3", "{}"]),
    };

    private static readonly string[] s_layouts = ["one segment", "one byte per segment", "three bytes per segment", "two halves"];

    public static TheoryData<string, string> CasesInEveryLayout()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in s_cases.Keys)
        {
            foreach (var layout in s_layouts)
            {
                data.Add(name, layout);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesInEveryLayout))]
    public void Reads_every_value_in_one_buffer_without_waiting_for_more_data(string name, string layout)
    {
        var (input, expected) = s_cases[name];
        var buffer = Sequences.Layouts(input).Single(l => l.Layout == layout).Sequence;

        var frames = new List<string>();
        while (JsonFrameReader.TryReadFrame(ref buffer, JsonFrameReader.DefaultMaxFrameBytes, isCompleted: false, out var frame))
        {
            frames.Add(FrameStream.Describe(frame));
        }

        Assert.Equal(expected, frames);
        Assert.True(buffer.IsEmpty, "Trailing whitespace is consumed.");
    }

    [Fact]
    public void A_value_frame_is_exactly_the_value_bytes_and_the_buffer_moves_past_it()
    {
        var buffer = Sequences.Single("  {\"a\":1}\n{\"b\":");

        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: false, out var frame));

        Assert.Equal(JsonFrameKind.Value, frame.Kind);
        Assert.Equal("{\"a\":1}", FrameStream.Describe(frame));
        Assert.Equal("\n{\"b\":"u8.ToArray(), buffer.ToArray());
    }

    [Fact]
    public void An_incomplete_value_returns_false_and_keeps_it_with_leading_whitespace_consumed()
    {
        var buffer = Sequences.FromSegments(" \r\n\t", "{\"req", "uest\":");

        Assert.False(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: false, out _));

        Assert.Equal("{\"request\":"u8.ToArray(), buffer.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t \n")]
    public void Whitespace_alone_yields_no_frame_and_is_consumed(string input)
    {
        foreach (var isCompleted in new[] { false, true })
        {
            var buffer = Sequences.Single(input);

            Assert.False(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted, out _));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Theory]
    [InlineData("42")]
    [InlineData("-0.5")]
    [InlineData("tru")]
    [InlineData("\"unterminated")]
    public void A_top_level_scalar_at_the_end_of_the_buffer_waits_for_its_delimiter(string input)
    {
        var buffer = Sequences.Single(input);

        Assert.False(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: false, out _));
        Assert.Equal(input.Length, buffer.Length);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("null", "null")]
    [InlineData("\"str\"", "\"str\"")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("{\"request\":\"help\"}", "{\"request\":\"help\"}")]
    public void When_the_stream_is_completed_a_final_value_needs_no_delimiter(string input, string expected)
    {
        var buffer = Sequences.Single(input);

        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: true, out var frame));

        Assert.Equal(JsonFrameKind.Value, frame.Kind);
        Assert.Equal(expected, FrameStream.Describe(frame));
        Assert.False(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: true, out _));
    }

    [Theory]
    [InlineData("{\"request\":\"he")]
    [InlineData("{\"request\":\"help\"")]
    [InlineData("[1,2")]
    [InlineData("\"abc")]
    [InlineData("{\n  \"request\": \"help\",\n")]
    public void When_the_stream_is_completed_an_unfinished_value_is_invalid(string input)
    {
        foreach (var (_, sequence) in Sequences.Layouts(input))
        {
            var buffer = sequence;

            Assert.True(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: true, out var frame));

            Assert.Equal(JsonFrameKind.Invalid, frame.Kind);
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void When_the_stream_is_completed_trailing_whitespace_yields_no_frame()
    {
        var frames = new FrameStream().Append("{\"a\":1}\n \r\n\t").Complete().Frames;

        Assert.Equal(["{\"a\":1}"], frames);
    }

    [Fact]
    public void A_payload_frame_spanning_segments_is_a_slice_of_the_input()
    {
        var buffer = Sequences.FromSegments("{\"con", "tent\":", "\"x\"}", "\n");

        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, 100, isCompleted: false, out var frame));

        Assert.False(frame.Payload.IsSingleSegment);
        Assert.Equal("{\"content\":\"x\"}", FrameStream.Describe(frame));
    }
}
