using System.Buffers;
using System.Text;

namespace Parley.Protocol.Tests;

public class PayloadWriterTests
{
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
}
