using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// Turns each received JSON value into a <see cref="ServerEvent"/>, tolerating everything PROTOCOL.md lists
/// under "What the client must tolerate": keys in any case and order, extra keys, <c>name</c> for
/// <c>sender</c>, <c>msg</c> for <c>message</c>, unknown kinds, content of any JSON type, history in every
/// shape seen. Pure and total: anything unreadable becomes a <see cref="ServerEventKind.Raw"/> event.
/// </summary>
public static class ResponseReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    // Display JSON is for people: keep non-ASCII readable instead of \uXXXX.
    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static ServerEvent Read(ReadOnlySequence<byte> json, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(json, s_documentOptions);
            return Read(document.RootElement, receivedAt);
        }
        catch (JsonException)
        {
            return Unreadable(Encoding.UTF8.GetString(json), receivedAt);
        }
    }

    public static ServerEvent Read(string json, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(json, s_documentOptions);
            return Read(document.RootElement, receivedAt);
        }
        catch (JsonException)
        {
            return Unreadable(json, receivedAt);
        }
    }

    public static ServerEvent Read(JsonElement root, DateTimeOffset receivedAt)
    {
        var result = root.ValueKind switch
        {
            JsonValueKind.Object => ReadObject(root, ServerEventKind.Other),
            // A bare array where a payload should be is a history (PROTOCOL.md).
            JsonValueKind.Array => new ServerEvent(ServerEventKind.History) { History = ReadHistoryItems(root) },
            _ => new ServerEvent(ServerEventKind.Raw) { Text = ToText(root) },
        };
        return result with { Json = Compact(root), ReceivedAt = receivedAt };
    }

    /// <summary>Bytes that are not JSON at all, kept so they can be shown as they came.</summary>
    public static ServerEvent Unreadable(string raw, DateTimeOffset receivedAt)
        => new(ServerEventKind.Raw) { Text = raw, Json = raw, ReceivedAt = receivedAt };

    /// <summary>Senders that mean "the server itself" become <see langword="null"/>.</summary>
    public static string? NormalizeSender(string? sender)
    {
        var trimmed = sender?.Trim().Trim('[', ']').Trim();
        return string.IsNullOrEmpty(trimmed) || Usernames.IsReserved(trimmed) ? null : sender!.Trim();
    }

    public static ServerEventKind KindOf(string? response) => response?.Trim().ToLowerInvariant() switch
    {
        ResponseKinds.Message or "msg" => ServerEventKind.Message,
        ResponseKinds.Info => ServerEventKind.Info,
        ResponseKinds.Error => ServerEventKind.Error,
        ResponseKinds.History => ServerEventKind.History,
        _ => ServerEventKind.Other,
    };

    private static ServerEvent ReadObject(JsonElement payload, ServerEventKind kindWhenMissing)
    {
        var response = Find(payload, "response") is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
        var kind = response is null ? kindWhenMissing : KindOf(response);
        var content = Find(payload, "content");
        var sender = Find(payload, "sender") ?? Find(payload, "name") ?? Find(payload, "username");

        var result = new ServerEvent(kind)
        {
            ResponseName = response,
            Timestamp = TimestampReader.Read(Find(payload, "timestamp")),
            Sender = NormalizeSender(TextOrNull(sender)),
            Id = ReadId(Find(payload, "id")),
            Room = StringOf(Find(payload, "room")),
            To = StringOf(Find(payload, "to")),
            Deleted = ReadId(Find(payload, "deleted")),
            Code = StringOf(Find(payload, "code")),
            ServerName = StringOf(Find(payload, "server")),
            Extensions = ReadStrings(Find(payload, "extensions")),
        };

        return kind switch
        {
            ServerEventKind.History => result with { History = ReadHistory(content) },
            ServerEventKind.Message => result with { Text = TextOrNull(content) },
            _ => content is { ValueKind: JsonValueKind.Array } list
                ? result with { Items = ReadStrings(list), Text = ToText(list) }
                : result with { Text = TextOrNull(content) },
        };
    }

    private static List<ServerEvent> ReadHistory(JsonElement? content) => content switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } list => ReadHistoryItems(list),
        { ValueKind: JsonValueKind.Object } one => [ReadHistoryItem(one)],
        { ValueKind: JsonValueKind.String } text => ReadHistoryString(text.GetString()!),
        { ValueKind: JsonValueKind.Null } => [],
        { } other => [Plain(ToText(other))],
    };

    private static List<ServerEvent> ReadHistoryItems(JsonElement list)
    {
        var items = new List<ServerEvent>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.AddRange(ReadHistoryString(item.GetString()!));
            }
            else
            {
                items.Add(ReadHistoryItem(item));
            }
        }

        return items;
    }

    private static ServerEvent ReadHistoryItem(JsonElement item)
        => item.ValueKind == JsonValueKind.Object ? ReadObject(item, ServerEventKind.Message) with { Json = Compact(item) } : Plain(ToText(item));

    /// <summary>A history string is usually a JSON-encoded message (decoded again), sometimes plain text lines.</summary>
    private static List<ServerEvent> ReadHistoryString(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed, s_documentOptions);
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Array ? ReadHistoryItems(root) : [ReadHistoryItem(root)];
            }
            catch (JsonException)
            {
                // Not JSON after all: plain text that happens to start with a bracket.
            }
        }

        return [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).Select(Plain)];
    }

    private static ServerEvent Plain(string text) => new(ServerEventKind.Message) { Text = text, Json = text };

    /// <summary>Finds a key in any letter case; the first exact match wins over case-insensitive ones.</summary>
    private static JsonElement? Find(JsonElement payload, string key)
    {
        JsonElement? loose = null;
        foreach (var property in payload.EnumerateObject())
        {
            if (property.NameEquals(key))
            {
                return property.Value;
            }

            if (loose is null && string.Equals(property.Name.Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                loose = property.Value;
            }
        }

        return loose;
    }

    private static string? StringOf(JsonElement? value) => value is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static long? ReadId(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var id) => id,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), out var id) => id,
        _ => null,
    };

    private static List<string>? ReadStrings(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray().Select(ToText)],
        { ValueKind: JsonValueKind.String } one => [one.GetString()!],
        _ => null,
    };

    private static string? TextOrNull(JsonElement? value)
        => value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } present ? ToText(present) : null;

    /// <summary>A string as-is; any other value as compact JSON.</summary>
    public static string ToText(JsonElement value)
        => value.ValueKind == JsonValueKind.String ? value.GetString()! : Compact(value);

    public static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_compact))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
