using System.Text;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Soak;

/// <summary>One thing a chaos client may do; <see cref="Weight"/> is how many cards it has in the deck.</summary>
internal sealed record ChaosBehaviour(string Name, int Weight, Func<ChaosContext, Task> RunAsync);

/// <summary>
/// What chaos clients do, each on a connection of its own, and what the server must answer (docs/PROTOCOL.md).
/// This file: malformed input and broken framing. The others: abuse of limits and accounts, and valid chat.
/// </summary>
internal static partial class ChaosBehaviours
{
    public static IReadOnlyList<ChaosBehaviour> All { get; } =
    [
        new("garbage", 2, GarbageAsync),
        new("invalid-json", 2, InvalidJsonAsync),
        new("bad-requests", 3, BadRequestsAsync),
        new("too-large", 2, TooLargeAsync),
        new("silent", 1, SilentAsync),
        new("half-frame", 2, HalfFrameAsync),
        new("half-close", 1, HalfCloseAsync),
        new("flood", 3, FloodAsync),
        new("slow-reader", 2, SlowReaderAsync),
        new("abrupt", 3, AbruptAsync),
        new("impostor", 2, ImpostorAsync),
        new("moderation", 1, ModerationAsync),
        new("chatter", 4, ChatterAsync),
        new("storm", 1, StormAsync),
    ];

    // Each fails to parse, so each gets one bad_json and the rest of its line is skipped.
    private static readonly string[] s_invalidJson =
    [
        "hello there\n", "{\"request\": login}\n", "{{{{\n", "{\"request\": \"help\",}\n", "{'request': 'help'}\n",
        "{\"request\" \"help\"}\n", "]\n", "nul\n", "\u0001\u0002\n",
    ];

    // Valid JSON that is not a request.
    private static readonly string[] s_notRequests =
    [
        "[\"login\", \"x\"]\n", "42\n", "null\n", "{}\n", "{\"content\": \"x\"}\n", "{\"request\": 5}\n", "{\"request\": \"msg\", \"content\": {\"a\": 1}}\n",
    ];

    private static readonly (string Request, string? Content, string Code)[] s_refusedBeforeLogin =
    [
        ("frobnicate", null, ErrorCodes.UnknownRequest),
        ("msg", "hi", ErrorCodes.NotLoggedIn),
        ("names", null, ErrorCodes.NotLoggedIn),
        ("join", "soak", ErrorCodes.NotLoggedIn),
        ("kick", "wb0", ErrorCodes.NotLoggedIn),
        ("login", "bad-name!", ErrorCodes.InvalidUsername),
        ("login", "server", ErrorCodes.InvalidUsername),
        ("login", null, ErrorCodes.InvalidUsername),
        ("login", new string('a', Usernames.MaxLength + 1), ErrorCodes.InvalidUsername),
        ("login", "bob ", ErrorCodes.InvalidUsername),
    ];

    // At most four draw on the message bucket (msg, dm), so even all of them stay under the burst of 5.
    private static readonly (string Request, string? Content, string Code)[] s_refusedAfterLogin =
    [
        ("login", "again", ErrorCodes.AlreadyLoggedIn),
        ("msg", "   ", ErrorCodes.EmptyMessage),
        ("msg", new string('x', 4001), ErrorCodes.MessageTooLong),
        ("join", "bad room!", ErrorCodes.InvalidArgument),
        ("join", null, ErrorCodes.InvalidArgument),
        ("history", "-5", ErrorCodes.InvalidArgument),
        ("history", "lots", ErrorCodes.InvalidArgument),
        ("dm", "nobodyHere hello", ErrorCodes.NotFound),
        ("dm", "bad!name hello", ErrorCodes.InvalidArgument),
        ("register", "short", ErrorCodes.InvalidArgument),
        ("password", "oldpassword newpassword", ErrorCodes.NotRegistered),
        ("leave", null, ErrorCodes.InvalidArgument),
        ("frobnicate", "x", ErrorCodes.UnknownRequest),
    ];

    private static async Task GarbageAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        if (context.Random.Next(2) == 0)
        {
            await connection.LoginAsync();
        }

        for (var i = context.Random.Next(1, 5); i > 0; i--)
        {
            await connection.Client.SendRawAsync(ChaosConnection.GarbageLine(context.Random));
            await connection.ExpectErrorAsync(ErrorCodes.BadJson);
        }

        await connection.StillServedAsync();
        await connection.LeaveAsync();
    }

    private static async Task InvalidJsonAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        for (var i = context.Random.Next(1, 5); i > 0; i--)
        {
            await connection.Client.SendRawAsync(context.Pick(s_invalidJson));
            await connection.ExpectErrorAsync(ErrorCodes.BadJson);
        }

        // Then a request pretty-printed over several lines, which is fine.
        await connection.Client.SendRawAsync("{\n  \"request\": \"help\",\n  \"content\": null\n}\n");
        await connection.ExpectInfoAsync("Requests this server supports");
        await connection.LeaveAsync();
    }

    private static async Task BadRequestsAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        foreach (var value in Some(context, s_notRequests, 3))
        {
            await connection.Client.SendRawAsync(value);
            await connection.ExpectErrorAsync(ErrorCodes.BadRequest);
        }

        foreach (var (request, content, code) in Some(context, s_refusedBeforeLogin, 4))
        {
            await connection.RefusedAsync(request, content, code);
        }

        await connection.LoginAsync();
        foreach (var (request, content, code) in Some(context, s_refusedAfterLogin, 6))
        {
            await connection.RefusedAsync(request, content, code);
        }

        await connection.StillServedAsync();
        await connection.LeaveAsync();
    }

    private static async Task TooLargeAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        if (context.Random.Next(2) == 0)
        {
            await connection.LoginAsync();
        }

        // The server stops reading at the frame limit and closes, so the rest of the send may fail.
        var size = context.Random.Next(JsonFrameReader.DefaultMaxFrameBytes + 1, 1024 * 1024);
        var send = connection.Client.TrySendRawAsync(Encoding.ASCII.GetBytes($"{{\"request\": \"msg\", \"content\": \"{new string('x', size)}\"}}"));
        await connection.ExpectErrorAsync(ErrorCodes.TooLarge);
        await connection.ExpectClosedAsync();
        await send;
    }

    /// <summary>Connects and never sends: the server closes it at the login timeout.</summary>
    private static async Task SilentAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        await connection.ExpectErrorAsync(ErrorCodes.LoginTimeout);
        await connection.ExpectClosedAsync();
    }

    /// <summary>Sends half a request and stops: before login the login timeout ends it; after, the client gives up.</summary>
    private static async Task HalfFrameAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        if (context.Random.Next(2) == 0)
        {
            await connection.Client.SendRawAsync("{\"request\": \"login\", \"cont");
            await connection.ExpectErrorAsync(ErrorCodes.LoginTimeout);
            await connection.ExpectClosedAsync();
            return;
        }

        await connection.LoginAsync();
        await connection.Client.SendRawAsync("{\"request\": \"msg\", \"content\": \"never fini");
        await Task.Delay(context.Random.Next(500, 3000)); // the workload: a client stuck mid-request
        if (context.Random.Next(2) == 0)
        {
            connection.Client.Abort();
        }
    }

    /// <summary>Sends requests and closes its sending side at once: the server still answers, then closes.</summary>
    private static async Task HalfCloseAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        var text = connection.MessageText(0);
        var loggingIn = context.Random.Next(2) == 0;
        await connection.SendAllAsync(loggingIn ? [new("login", context.Name), new("msg", text)] : [new("help", null)]);
        connection.Client.ShutdownSend();

        var payloads = await connection.ExpectClosedAsync();
        var expected = loggingIn ? text : "Requests this server supports";
        Assert.True(payloads.Any(p => p.GetProperty("content") is { ValueKind: JsonValueKind.String } content && content.GetString()!.StartsWith(expected, StringComparison.Ordinal)),
            $"{context.Name} half-closed after its requests and was not answered: {string.Join("\n", payloads)}");
    }

    /// <summary>Up to <paramref name="most"/> of <paramref name="items"/> (at least one), in a random order.</summary>
    private static T[] Some<T>(ChaosContext context, T[] items, int most)
    {
        var picked = items.ToArray();
        context.Random.Shuffle(picked);
        return picked[..context.Random.Next(1, most + 1)];
    }
}
