using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Protocol;

/// <summary>
/// The writer: one compact, ASCII-only JSON object followed by exactly one <c>\n</c> per payload.
/// </summary>
public static class PayloadWriter
{
    // One writer per thread, reset for each payload: no allocation per write.
    [ThreadStatic]
    private static Utf8JsonWriter? s_writer;

    private const int MaxKeptLineBuffer = 64 * 1024;

    // The scratch buffer of ToLine, reused per thread: Utf8JsonWriter asks its output for 4 KiB at a time, so a
    // new ArrayBufferWriter per line cost about 4.9 KB per broadcast message; now only the line itself is new.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_lineBuffer;

    public static void Write(IBufferWriter<byte> output, ChatRequest request) => Write(output, request, ProtocolJsonContext.Wire.ChatRequest);

    public static void Write(IBufferWriter<byte> output, MessagePayload payload) => Write(output, payload, ProtocolJsonContext.Wire.MessagePayload);

    public static void Write(IBufferWriter<byte> output, NoticePayload payload) => Write(output, payload, ProtocolJsonContext.Wire.NoticePayload);

    public static void Write(IBufferWriter<byte> output, HistoryPayload<string> payload) => Write(output, payload, ProtocolJsonContext.Wire.HistoryPayloadString);

    public static void Write(IBufferWriter<byte> output, HistoryPayload<MessagePayload> payload) => Write(output, payload, ProtocolJsonContext.Wire.HistoryPayloadMessagePayload);

    /// <summary>One payload as a line of bytes, ready to be shared by every recipient of a broadcast.</summary>
    public static byte[] ToLine(MessagePayload payload) => ToLine(payload, ProtocolJsonContext.Wire.MessagePayload);

    public static byte[] ToLine(NoticePayload payload) => ToLine(payload, ProtocolJsonContext.Wire.NoticePayload);

    public static byte[] ToLine(ChatRequest request) => ToLine(request, ProtocolJsonContext.Wire.ChatRequest);

    /// <summary>A message as a JSON string without the newline: one item of a string-encoded history.</summary>
    public static string ToJson(MessagePayload payload) => JsonSerializer.Serialize(payload, ProtocolJsonContext.Wire.MessagePayload);

    public static byte[] ToLine(HistoryPayload<string> payload) => ToLine(payload, ProtocolJsonContext.Wire.HistoryPayloadString);

    public static byte[] ToLine(HistoryPayload<MessagePayload> payload) => ToLine(payload, ProtocolJsonContext.Wire.HistoryPayloadMessagePayload);

    private static byte[] ToLine<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = s_lineBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        Write(buffer, value, typeInfo);
        var line = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxKeptLineBuffer)
        {
            s_lineBuffer = null; // a rare big history line: do not keep its buffer on the thread for ever
        }

        return line;
    }

    private static void Write<T>(IBufferWriter<byte> output, T value, JsonTypeInfo<T> typeInfo)
    {
        var writer = s_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = AsciiJsonEncoder.Instance, SkipValidation = true });
            s_writer = writer;
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }

        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }
}
