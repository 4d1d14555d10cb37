using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>
/// A client-to-server payload. <see cref="Content"/> is always written, as <c>null</c> when the request has
/// no argument: a missing key, <c>""</c> or <c>"None"</c> each crash some peer server (PROTOCOL.md).
/// </summary>
public sealed record ChatRequest(
    [property: JsonPropertyName("request")] string Request,
    [property: JsonPropertyName("content")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    string? Content);
