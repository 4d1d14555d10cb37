using System.Text.Json;
using Parley.EndToEnd.Tests;
using Parley.Protocol;

namespace Parley.Web.Tests;

/// <summary>What the tests read from a TCP user's connection.</summary>
internal static class TcpUser
{
    /// <summary>Reads on until a payload of <paramref name="kind"/> whose content is <paramref name="text"/> arrives (others pass by).</summary>
    public static async Task<JsonElement> ReadUntilTextAsync(this WireClient client, string kind, string text)
    {
        while (true)
        {
            var payload = await client.ReadUntilAsync(kind);
            if (WireClient.Text(payload) == text)
            {
                return payload;
            }
        }
    }

    public static Task<JsonElement> ReadMessageAsync(this WireClient client, string text) => client.ReadUntilTextAsync(ResponseKinds.Message, text);

    public static string? Property(this JsonElement payload, string name)
        => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
