using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Parley.Protocol.Tests;

public class PayloadWriterTests
{
    private const string Time = "2026-11-25T13:02:05.123Z";

    private static readonly string[] s_tricky =
    [
        "hello",
        "a\"b<c>&'\\ \u00e6\U0001F600\n",
        "line one\nline two\r\n\ttabbed \u0001 \u007f",
        "{\"request\":\"msg\",\"content\":\"json in json\"}",
        "blåbær 日本語 \u2028",
    ];

    public static TheoryData<string> TrickyTexts() => [.. s_tricky];

    private static MessagePayload Message(string content, long id = 7) => new(Time, "alice", ResponseKinds.Message, content, id);

    private static void AssertOneAsciiLine(byte[] line)
    {
        Assert.NotEmpty(line);
        Assert.Equal((byte)'\n', line[^1]);
        Assert.All(line[..^1], b => Assert.InRange(b, (byte)0x20, (byte)0x7e));
    }

    [Fact]
    public void Writes_one_compact_ascii_line_escaped_like_python()
    {
        var payload = new MessagePayload("2026-11-25T13:02:05.123Z", "alice", ResponseKinds.Message, "a\"b<c>&'\\ \u00e6\U0001F600\n", 7);

        var line = Encoding.ASCII.GetString(PayloadWriter.ToLine(payload));

        Assert.Equal(
            "{\"timestamp\":\"2026-11-25T13:02:05.123Z\",\"sender\":\"alice\",\"response\":\"message\",\"content\":\"a\\\"b<c>&'\\\\ \\u00e6\\ud83d\\ude00\\n\",\"id\":7}\n",
            line);
        Assert.All(PayloadWriter.ToLine(payload), b => Assert.True(b < 0x80));
    }

    [Fact]
    public void Request_always_carries_content_even_when_null()
    {
        var buffer = new ArrayBufferWriter<byte>();
        PayloadWriter.Write(buffer, new ChatRequest("names", null));

        Assert.Equal("{\"request\":\"names\",\"content\":null}\n", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void Every_payload_kind_is_one_ascii_line_ending_in_exactly_one_newline(string text)
    {
        var message = Message(text);
        var notice = new NoticePayload(Time, Usernames.Server, ResponseKinds.Info, text) { Code = "x", Server = "parley/0.1.0", Extensions = ["history", text] };

        AssertOneAsciiLine(PayloadWriter.ToLine(new ChatRequest("msg", text)));
        AssertOneAsciiLine(PayloadWriter.ToLine(message));
        AssertOneAsciiLine(PayloadWriter.ToLine(notice));
        AssertOneAsciiLine(PayloadWriter.ToLine(new HistoryPayload<string>(Time, Usernames.Server, ResponseKinds.History, [PayloadWriter.ToJson(message)])));
        AssertOneAsciiLine(PayloadWriter.ToLine(new HistoryPayload<MessagePayload>(Time, Usernames.Server, ResponseKinds.History, [message]) { Room = text }));
    }

    [Fact]
    public void Write_and_to_line_produce_the_same_bytes_and_writes_append()
    {
        var message = Message(s_tricky[1]);
        var notice = new NoticePayload(Time, Usernames.Server, ResponseKinds.Error, "no") { Code = ErrorCodes.BadJson };
        var buffer = new ArrayBufferWriter<byte>();

        PayloadWriter.Write(buffer, message);
        PayloadWriter.Write(buffer, notice);

        Assert.Equal([.. PayloadWriter.ToLine(message), .. PayloadWriter.ToLine(notice)], buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_notice_leaves_out_optional_keys_that_are_null()
    {
        var line = Encoding.ASCII.GetString(PayloadWriter.ToLine(new NoticePayload(Time, Usernames.Server, ResponseKinds.Info, "Login successful")));

        Assert.Equal("{\"timestamp\":\"2026-11-25T13:02:05.123Z\",\"sender\":\"server\",\"response\":\"info\",\"content\":\"Login successful\"}\n", line);
    }

    [Fact]
    public void An_error_notice_carries_its_code()
    {
        var notice = new NoticePayload(Time, Usernames.Server, ResponseKinds.Error, "Log in first.") { Code = ErrorCodes.NotLoggedIn };

        Assert.EndsWith(",\"code\":\"not_logged_in\"}\n", Encoding.ASCII.GetString(PayloadWriter.ToLine(notice)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_writes_its_room_only_when_it_has_one()
    {
        Assert.DoesNotContain("room", Encoding.ASCII.GetString(PayloadWriter.ToLine(Message("x"))), StringComparison.Ordinal);
        Assert.EndsWith(",\"id\":7,\"room\":\"lobby\"}\n", Encoding.ASCII.GetString(PayloadWriter.ToLine(Message("x") with { Room = "lobby" })), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void A_message_round_trips_through_system_text_json(string text)
    {
        var message = Message(text, id: long.MaxValue) with { Room = "r\u00f8d" };

        Assert.Equal(message, JsonSerializer.Deserialize<MessagePayload>(PayloadWriter.ToLine(message)));
    }

    [Fact]
    public void A_message_as_json_is_the_line_without_its_newline()
    {
        var message = Message(s_tricky[2]);

        Assert.Equal(Encoding.ASCII.GetString(PayloadWriter.ToLine(message))[..^1], PayloadWriter.ToJson(message));
    }

    [Fact]
    public void A_history_of_json_encoded_strings_round_trips_item_by_item()
    {
        var messages = s_tricky.Select((text, i) => Message(text, i + 1)).ToArray();
        var history = new HistoryPayload<string>(Time, Usernames.Server, ResponseKinds.History, [.. messages.Select(PayloadWriter.ToJson)]);

        var line = PayloadWriter.ToLine(history);

        using var outer = JsonDocument.Parse(line);
        Assert.Equal(ResponseKinds.History, outer.RootElement.GetProperty("response").GetString());
        var items = outer.RootElement.GetProperty("content").EnumerateArray().Select(item => item.GetString()!).ToArray();
        Assert.Equal(messages, items.Select(item => JsonSerializer.Deserialize<MessagePayload>(item)));
    }

    [Fact]
    public void A_history_item_is_escaped_once_more_with_short_escapes_not_unicode_ones()
    {
        var item = PayloadWriter.ToJson(Message("hi"));
        var line = Encoding.ASCII.GetString(PayloadWriter.ToLine(new HistoryPayload<string>(Time, Usernames.Server, ResponseKinds.History, [item])));

        Assert.Contains("\"content\":[\"{\\\"timestamp\\\":", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_of_objects_round_trips()
    {
        var messages = s_tricky.Select((text, i) => Message(text, i + 1)).ToArray();

        var line = PayloadWriter.ToLine(new HistoryPayload<MessagePayload>(Time, Usernames.Server, ResponseKinds.History, messages));

        using var outer = JsonDocument.Parse(line);
        Assert.Equal(messages, outer.RootElement.GetProperty("content").EnumerateArray().Select(item => item.Deserialize<MessagePayload>()));
    }

    [Fact]
    public void An_empty_history_is_an_empty_list()
    {
        var line = Encoding.ASCII.GetString(PayloadWriter.ToLine(new HistoryPayload<string>(Time, Usernames.Server, ResponseKinds.History, [])));

        Assert.EndsWith(",\"content\":[]}\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character()
    {
        // Python would write \udc00; JSON text must be valid Unicode, so the writer sends U+FFFD instead.
        var line = Encoding.ASCII.GetString(PayloadWriter.ToLine(new ChatRequest("msg", "a\udc00b")));

        Assert.Equal("{\"request\":\"msg\",\"content\":\"a\\ufffdb\"}\n", line);
    }

    [Fact]
    public void Writers_on_several_threads_do_not_mix_their_output()
    {
        var results = new string[64];

        Parallel.For(0, results.Length, i =>
        {
            for (var n = 0; n < 200; n++)
            {
                var buffer = new ArrayBufferWriter<byte>();
                PayloadWriter.Write(buffer, Message($"message {i}", i));
                results[i] = Encoding.ASCII.GetString(buffer.WrittenSpan);
            }
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(Encoding.ASCII.GetString(PayloadWriter.ToLine(Message($"message {i}", i))), results[i]);
        }
    }
}
