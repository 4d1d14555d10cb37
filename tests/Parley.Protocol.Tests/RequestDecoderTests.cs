using System.Buffers;
using Parley.Protocol.Tests.Support;

namespace Parley.Protocol.Tests;

public class RequestDecoderTests
{
    private static ChatRequest Decode(string json)
    {
        Assert.True(RequestDecoder.TryDecode(Sequences.Single(json), out var request, out var error), error);
        Assert.Equal(string.Empty, error);
        return request;
    }

    private static string Reject(string json)
    {
        Assert.False(RequestDecoder.TryDecode(Sequences.Single(json), out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.EndsWith(".", error);
        return error;
    }

    [Theory]
    [InlineData("""{"request":"login","content":"bob"}""", "login", "bob")]
    [InlineData("""{"Request":"login","Content":"bob"}""", "login", "bob")]
    [InlineData("""{"REQUEST":"login","CONTENT":"bob"}""", "login", "bob")]
    [InlineData("""{"rEqUeSt":"login","cOnTeNt":"bob"}""", "login", "bob")]
    [InlineData("""{"content":"bob","request":"login"}""", "login", "bob")]
    [InlineData("""{"\u0072equest":"login","content":"bob"}""", "login", "bob")]
    public void Keys_match_in_any_letter_case_and_any_order(string json, string name, string content)
    {
        Assert.Equal(new ChatRequest(name, content), Decode(json));
    }

    [Theory]
    [InlineData("""{"request":"help"}""")]
    [InlineData("""{"request":"help","content":null}""")]
    [InlineData("""{"request":"help","content":""}""")]
    [InlineData("""{"request":"help","content":"None"}""")]
    [InlineData("""{"Request":"help","Content":"None"}""")]
    public void Missing_empty_null_and_none_content_are_no_content(string json)
    {
        Assert.Equal(new ChatRequest("help", null), Decode(json));
    }

    [Theory]
    [InlineData("logout")]
    [InlineData("names")]
    [InlineData("help")]
    [InlineData("history")]
    [InlineData(" NAMES ")]
    public void None_is_no_content_for_requests_without_argument(string name)
    {
        Assert.Null(RequestDecoder.Normalize(name, "None").Content);
    }

    [Theory]
    [InlineData("msg")]
    [InlineData("login")]
    [InlineData("  MSG ")]
    [InlineData("unknownextension")]
    public void None_is_kept_for_requests_that_take_an_argument(string name)
    {
        Assert.Equal("None", RequestDecoder.Normalize(name, "None").Content);
    }

    [Theory]
    [InlineData("msg")]
    [InlineData("login")]
    public void Empty_content_is_no_content_for_every_request(string name)
    {
        Assert.Null(RequestDecoder.Normalize(name, string.Empty).Content);
    }

    [Theory]
    [InlineData("msg", "none")]
    [InlineData("names", "none")]
    [InlineData("names", " None")]
    [InlineData("msg", " ")]
    public void Only_the_exact_strings_none_and_empty_are_dropped(string name, string content)
    {
        Assert.Equal(content, RequestDecoder.Normalize(name, content).Content);
    }

    [Theory]
    [InlineData("msg", "msg")]
    [InlineData("  MSG ", "msg")]
    [InlineData("Login", "login")]
    [InlineData("\tHELP\r\n", "help")]
    [InlineData("History", "history")]
    public void Request_names_are_trimmed_and_lower_cased(string name, string expected)
    {
        Assert.Equal(expected, RequestDecoder.Normalize(name, null).Request);
        Assert.Equal(expected, Decode($$"""{"request":"{{name.Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n")}}"}""").Request);
    }

    [Fact]
    public void Extra_keys_of_any_type_are_ignored()
    {
        var request = Decode("""{"id":1,"request":"msg","room":{"name":"x","content":5},"tags":["a",{"request":"no"}],"content":"hi","flag":true}""");

        Assert.Equal(new ChatRequest("msg", "hi"), request);
    }

    [Theory]
    [InlineData("""{"request":"history","content":20}""", "20")]
    [InlineData("""{"request":"history","content":-1.5e3}""", "-1.5e3")]
    [InlineData("""{"request":"msg","content":true}""", "true")]
    [InlineData("""{"request":"msg","content":false}""", "false")]
    public void A_number_or_boolean_content_is_its_text(string json, string content)
    {
        Assert.Equal(content, Decode(json).Content);
    }

    [Theory]
    [InlineData("""{"request":"msg","content":{"text":"hi"}}""")]
    [InlineData("""{"request":"msg","content":["hi"]}""")]
    [InlineData("""{"request":"msg","content":[]}""")]
    public void An_object_or_array_content_is_rejected(string json)
    {
        Assert.Contains("content", Reject(json), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"content":"hi"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"request":null}""")]
    [InlineData("""{"request":5,"content":"x"}""")]
    [InlineData("""{"request":true}""")]
    [InlineData("""{"request":["help"]}""")]
    [InlineData("""{"request":{"name":"help"},"content":"x"}""")]
    [InlineData("""{"requests":"help"}""")]
    public void A_missing_or_non_string_request_is_rejected(string json)
    {
        Assert.Contains("request", Reject(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"request":"help"}]""")]
    [InlineData("""["help"]""")]
    [InlineData("\"help\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_value_that_is_not_an_object_is_rejected(string json)
    {
        Assert.Contains("object", Reject(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"request\":\"help\"")]
    [InlineData("{\"request\":help}")]
    [InlineData("{\"request\":\"help\",}")]
    public void Invalid_json_from_a_direct_caller_is_rejected_without_throwing(string json)
    {
        Reject(json);
    }

    [Theory]
    [InlineData("""{"request":"msg","request":"login","content":"bob"}""", "login", "bob")]
    [InlineData("""{"request":"msg","content":"a","content":"bob"}""", "msg", "bob")]
    [InlineData("""{"request":"msg","content":"a","Content":null}""", "msg", null)]
    [InlineData("""{"Request":"msg","request":"names"}""", "names", null)]
    public void With_duplicate_keys_the_last_one_wins(string json, string name, string? content)
    {
        Assert.Equal(new ChatRequest(name, content), Decode(json));
    }

    [Theory]
    [InlineData("blåbærsyltetøy")]
    [InlineData("日本語のテキスト")]
    [InlineData("😀 \U0001F680 \u200d")]
    [InlineData("quote \" backslash \\ newline \n tab \t nul \u0001")]
    public void Unicode_and_escaped_content_is_preserved(string content)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["request"] = "msg", ["content"] = content });

        Assert.Equal(content, Decode(json).Content);
    }

    [Fact]
    public void Raw_utf8_content_is_preserved()
    {
        Assert.Equal("blåbær 😀", Decode("{\"request\":\"msg\",\"content\":\"blåbær 😀\"}").Content);
    }

    [Fact]
    public void A_frame_spanning_several_segments_decodes()
    {
        var frame = Sequences.FromSegments("{\"requ", "est\":\"m", "sg\",\"content\":\"hel", "lo\"}");

        Assert.True(RequestDecoder.TryDecode(frame, out var request, out _));
        Assert.Equal(new ChatRequest("msg", "hello"), request);
    }

    [Fact]
    public void A_nested_request_key_inside_a_non_string_request_is_not_obeyed()
    {
        Reject("""{"request":{"request":"login","content":"mallory"}}""");
    }

    [Fact]
    public void A_non_string_request_followed_by_a_string_request_takes_the_last()
    {
        Assert.Equal(new ChatRequest("help", null), Decode("""{"request":{},"request":"help"}"""));
        Assert.Equal(new ChatRequest("msg", "x"), Decode("""{"request":[1,[2]],"content":"x","request":"msg"}"""));
    }

    public static TheoryData<byte[]> UndecodableText() => new()
    {
        Sequences.Utf8("""{"request":"msg","content":"\udc00"}"""),
        Sequences.Utf8("""{"request":"msg","content":"\ud83d"}"""),
        Sequences.Utf8("""{"request":"msg\udc00"}"""),
        Sequences.Utf8("""{"re\udc00quest":"msg"}"""),
        (byte[])[.. Sequences.Utf8("{\"request\":\"msg\",\"content\":\"a"), 0xFF, .. Sequences.Utf8("\"}")],
        (byte[])[.. Sequences.Utf8("{\"request\":\"m"), 0xC3, .. Sequences.Utf8("\"}")],
    };

    [Theory]
    [MemberData(nameof(UndecodableText))]
    public void Well_formed_json_with_text_that_is_not_valid_unicode_is_rejected_without_throwing(byte[] json)
    {
        var buffer = new ReadOnlySequence<byte>(json);
        Assert.True(JsonFrameReader.TryReadFrame(ref buffer, 1024, isCompleted: true, out var frame));
        Assert.Equal(JsonFrameKind.Value, frame.Kind);

        Assert.False(RequestDecoder.TryDecode(frame.Payload, out _, out var error));
        Assert.Contains("text", error, StringComparison.Ordinal);
    }
}
