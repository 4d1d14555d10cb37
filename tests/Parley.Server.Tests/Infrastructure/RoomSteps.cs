using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Steps and checks for the room and direct-message extensions.</summary>
public static class RoomSteps
{
    /// <summary>Joins <paramref name="room"/>, checks the info "You joined #room" then the room's history, and returns the history.</summary>
    public static async Task<JsonElement> JoinAsync(this TestClient client, string room, string? spelling = null)
    {
        await client.SendAsync("join", room);
        var info = await client.ReadPayloadAsync();
        Assert.Equal($"You joined #{spelling ?? room}", Payloads.Info(info));
        Assert.Equal(spelling ?? room, Room(info));
        var history = await client.ReadPayloadAsync();
        Assert.Equal(ResponseKinds.History, Payloads.Kind(history));
        Assert.Equal(spelling ?? room, Room(history));
        return history;
    }

    /// <summary>The payload's <c>"room"</c> key, or null when it has none.</summary>
    public static string? Room(JsonElement payload)
        => payload.TryGetProperty("room", out var room) ? room.GetString() : null;

    /// <summary>The payload's <c>"to"</c> key, or null when it has none.</summary>
    public static string? To(JsonElement payload)
        => payload.TryGetProperty("to", out var to) ? to.GetString() : null;

    /// <summary>
    /// Proves that nothing is queued for <paramref name="client"/>: a request's answer is the very next payload
    /// (the server answers each session in order, so anything delivered earlier would come first).
    /// </summary>
    public static async Task AssertNothingPendingAsync(this TestClient client)
    {
        var next = await client.RequestAsync("names");
        Assert.True(Payloads.Kind(next) == ResponseKinds.Info && Payloads.Text(next).StartsWith("Users in #", StringComparison.Ordinal),
            $"Expected only the answer to 'names', got {next}");
    }
}
