using System.Net;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Servers and clients for the account and moderation tests.</summary>
public static class AccountFixtures
{
    /// <summary>Far below the production default so that the suite stays fast; one test covers the default.</summary>
    public const string FastIterations = "1000";

    /// <summary>The moderator named in configuration by <see cref="NewServer"/>.</summary>
    public const string Moderator = "mod";

    public const string ModeratorPassword = "mod-password-1";

    /// <summary>An in-memory server with fast hashing and <see cref="Moderator"/> in <c>Parley:Moderators</c>.</summary>
    public static InMemoryServer NewServer(params (string Key, string Value)[] settings)
    {
        (string Key, string Value)[] defaults = [("PasswordIterations", FastIterations), ("Moderators:0", Moderator)];
        return new([.. defaults.Where(d => !settings.Any(s => s.Key == d.Key)), .. settings]);
    }

    /// <summary>Logs in as <paramref name="name"/> (a free name) and registers it.</summary>
    public static async Task<InMemoryClient> RegisteredAsync(InMemoryServer server, string name, string password, IPAddress? from = null)
    {
        var client = server.Connect(from);
        await client.LoginAsync(name);
        Assert.StartsWith($"The name {name} is now registered to you", Payloads.Info(await client.RequestAsync("register", password)));
        return client;
    }

    /// <summary>The configured moderator, registered and so able to moderate.</summary>
    public static Task<InMemoryClient> ModeratorAsync(InMemoryServer server, IPAddress? from = null)
        => RegisteredAsync(server, Moderator, ModeratorPassword, from);

    /// <summary>Reads until an info whose text contains <paramref name="text"/>, skipping other room notices (joins and the like).</summary>
    public static async Task<JsonElement> ReadInfoAsync(TestClient client, string text)
    {
        while (true)
        {
            var payload = await client.ReadPayloadAsync();
            if (Payloads.Kind(payload) == ResponseKinds.Info && Payloads.Text(payload).Contains(text, StringComparison.Ordinal))
            {
                return payload;
            }

            Assert.True(Payloads.Kind(payload) == ResponseKinds.Info, $"Expected an info containing '{text}', got {payload}");
        }
    }
}
