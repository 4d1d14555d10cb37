using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>The one source-generated serializer context for every wire record (no reflection on hot paths).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(NoticePayload))]
[JsonSerializable(typeof(HistoryPayload<string>))]
[JsonSerializable(typeof(HistoryPayload<MessagePayload>))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>The context every writer uses: compact and ASCII-only (see <see cref="AsciiJsonEncoder"/>).</summary>
    public static ProtocolJsonContext Wire { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = AsciiJsonEncoder.Instance,
        WriteIndented = false,
    });
}
