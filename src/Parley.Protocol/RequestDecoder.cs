using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Parley.Protocol;

/// <summary>
/// Turns one frame into a normalised <see cref="ChatRequest"/>, accepting what peers send (PROTOCOL.md):
/// key names in any case, a missing <c>content</c>, <c>""</c> or <c>"None"</c> for requests without argument,
/// request names in any case with surrounding spaces, extra keys.
/// </summary>
public static class RequestDecoder
{
    /// <summary>Requests that take no argument: <c>"None"</c> in their content means "no content".</summary>
    private static readonly HashSet<string> s_withoutArgument = new(StringComparer.Ordinal) { "logout", "names", "help", "history", "leave", "rooms", "bans" };

    /// <summary>Decodes a frame. On failure <paramref name="error"/> is a sentence fit for an <c>error</c> response.</summary>
    public static bool TryDecode(ReadOnlySequence<byte> frame, out ChatRequest request, out string error)
    {
        request = default!;
        string? name = null;
        string? content = null;
        var reader = new Utf8JsonReader(frame);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "Expected a JSON object like {\"request\": \"help\", \"content\": null}.";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                if (string.Equals(key, "request", StringComparison.OrdinalIgnoreCase))
                {
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

                    // An object or array value must be stepped over whole, or its inner keys would be read
                    // as top-level ones ({"request": {"request": "login"}} would log in).
                    reader.Skip();
                }
                else if (string.Equals(key, "content", StringComparison.OrdinalIgnoreCase))
                {
                    if (!TryReadContent(ref reader, out content))
                    {
                        error = "The content must be a string or null.";
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // The frame reader only hands over well-formed values; this guards direct callers.
            error = "The payload is not valid JSON.";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Well-formed JSON can still hold text that is not Unicode: raw bytes that are not UTF-8, or a
            // lone surrogate escape such as "\udc00" (Python's surrogateescape). GetString throws on both.
            error = "The payload contains text that is not valid Unicode (bad UTF-8 or a lone surrogate escape).";
            return false;
        }

        if (name is null)
        {
            error = "The payload has no \"request\" string.";
            return false;
        }

        request = Normalize(name, content);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The one place requests are normalised: the name trimmed and lower-cased; empty content is no content;
    /// <c>"None"</c> (a Python client's <c>str(None)</c>) is no content for requests that take no argument.
    /// </summary>
    public static ChatRequest Normalize(string name, string? content)
    {
        var normalizedName = name.Trim().ToLowerInvariant();
        if (content is { Length: 0 }
            || (content == "None" && s_withoutArgument.Contains(normalizedName)))
        {
            content = null;
        }

        return new ChatRequest(normalizedName, content);
    }

    private static bool TryReadContent(ref Utf8JsonReader reader, out string? content)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                content = reader.GetString();
                return true;
            case JsonTokenType.Null:
                content = null;
                return true;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                // Liberal: `{"request": "history", "content": 20}` means what it says.
                content = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                return true;
            default:
                reader.Skip();
                content = null;
                return false;
        }
    }
}
