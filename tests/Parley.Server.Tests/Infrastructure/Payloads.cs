using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Reading and checking server payloads.</summary>
public static class Payloads
{
    public static string Kind(JsonElement payload) => payload.GetProperty("response").GetString()!;

    public static string Sender(JsonElement payload) => payload.GetProperty("sender").GetString()!;

    public static string Text(JsonElement payload) => payload.GetProperty("content").GetString()!;

    public static long Id(JsonElement payload) => payload.GetProperty("id").GetInt64();

    /// <summary>Checks the payload is an info and returns its text.</summary>
    public static string Info(JsonElement payload)
    {
        Assert.True(Kind(payload) == ResponseKinds.Info, $"Expected an info, got {payload}");
        Assert.Equal(Usernames.Server, Sender(payload));
        return Text(payload);
    }

    /// <summary>Checks the payload is an error with the given code and returns its text.</summary>
    public static string Error(JsonElement payload, string code)
    {
        Assert.True(Kind(payload) == ResponseKinds.Error, $"Expected an error {code}, got {payload}");
        Assert.Equal(code, payload.GetProperty("code").GetString());
        Assert.Equal(Usernames.Server, Sender(payload));
        return Text(payload);
    }

    /// <summary>Checks the payload is a message from <paramref name="sender"/> with <paramref name="text"/>.</summary>
    public static void Message(JsonElement payload, string sender, string text)
    {
        Assert.True(Kind(payload) == ResponseKinds.Message, $"Expected a message, got {payload}");
        Assert.Equal(sender, Sender(payload));
        Assert.Equal(text, Text(payload));
    }

    /// <summary>The items of a history payload as message objects, decoding JSON-encoded strings.</summary>
    public static IReadOnlyList<JsonElement> HistoryItems(JsonElement history)
    {
        Assert.Equal(ResponseKinds.History, Kind(history));
        return [.. history.GetProperty("content").EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? JsonDocument.Parse(item.GetString()!).RootElement.Clone()
            : item)];
    }
}
