using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>A chat message as it travels to clients, live or as a history item.</summary>
public sealed record MessagePayload(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("room")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Room = null,
    [property: JsonPropertyName("to")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? To = null);

/// <summary>
/// An <c>info</c> or <c>error</c> payload. Content is always a string (peer clients concatenate it).
/// The optional keys are Parley extensions that every peer ignores.
/// </summary>
public sealed record NoticePayload(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("content")] string Content)
{
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonPropertyName("server")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Server { get; init; }

    [JsonPropertyName("extensions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Extensions { get; init; }

    /// <summary>The room an info is about (joins, leaves, the member list, kicks, removals).</summary>
    [JsonPropertyName("room")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Room { get; init; }

    /// <summary>The id of a message a moderator removed, so clients can drop it from view.</summary>
    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Deleted { get; init; }
}

/// <summary>
/// A <c>history</c> payload. <typeparamref name="TItem"/> is <see cref="string"/> (each item a JSON-encoded
/// message, the default that most peer clients need) or <see cref="MessagePayload"/> (plain objects).
/// </summary>
public sealed record HistoryPayload<TItem>(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("response")] string Response,
    [property: JsonPropertyName("content")] IReadOnlyList<TItem> Content)
{
    [JsonPropertyName("room")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Room { get; init; }
}
