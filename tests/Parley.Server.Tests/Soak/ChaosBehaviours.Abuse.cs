using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Soak;

/// <summary>Chaos that abuses limits and accounts: floods, slow reading, resets, impostors, connection storms.</summary>
internal static partial class ChaosBehaviours
{
    // Enough that the refusals reach the disconnect limit (20) after the bucket is spent (5 or 20, plus what
    // refills while the first are handled), and not so many that a slow machine refills its way out.
    private const int FloodMessages = 40;
    private const int FloodRequests = 60;

    // Requests a slow reader sends after its first burst, one every 250 ms (under the 5/s refill): ~10 s at most.
    private const int SlowReaderRequests = 40;

    private static readonly string[] s_moderation = ["kick", "ban", "unban", "op", "deop", "delete", "bans"];

    /// <summary>Sends far too fast: a few are served, then rate_limited errors, then the server closes.</summary>
    private static async Task FloodAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        ChatRequest[] flood;
        switch (context.Random.Next(3))
        {
            case 0:
                await connection.LoginAsync();
                flood = [.. Enumerable.Range(0, FloodMessages).Select(i => new ChatRequest("msg", connection.MessageText(i)))];
                break;
            case 1:
                flood = [.. Enumerable.Repeat(new ChatRequest("help", null), FloodRequests)];
                break;
            default:
                flood = [.. Enumerable.Range(0, FloodRequests).Select(_ => new ChatRequest("names", null))];
                await connection.LoginAsync();
                break;
        }

        await connection.SendAllAsync(flood);
        var payloads = await connection.ExpectClosedAsync();
        var last = payloads.LastOrDefault(p => Payloads.Kind(p) == ResponseKinds.Error);
        Assert.True(last.ValueKind == JsonValueKind.Object && last.GetProperty("code").GetString() == ErrorCodes.RateLimited
            && Payloads.Text(last).Contains("Closing the connection", StringComparison.Ordinal),
            $"{context.Name} flooded and was not closed for it; its last error: {last}");
        context.Ledger.Add($"flood: {payloads.Count(p => Payloads.Kind(p) == ResponseKinds.Error)} errors before the close");
    }

    /// <summary>
    /// Joins a busy room with a tiny receive window and never reads, asking for large history pages on top;
    /// the server must drop it as a slow consumer, and nobody else may notice. Whether it is dropped before it
    /// gives up depends on how busy the rooms are, so that is counted, not asserted.
    /// </summary>
    private static async Task SlowReaderAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync(receiveBufferSize: 4096);
        var page = new ChatRequest("history", "100");
        await connection.SendAllAsync([new("login", context.Name), new("join", context.Pick(context.Cast.Rooms)), .. Enumerable.Repeat(page, 15)]);
        var dropped = false;
        for (var i = 0; i < SlowReaderRequests && !dropped; i++)
        {
            await Task.Delay(250); // the workload's pace, under the request rate
            dropped = !await connection.SendAllAsync([page]);
        }

        context.Ledger.Add(dropped ? "slow-reader: dropped by the server" : "slow-reader: gave up first");
        connection.Client.Abort();
    }

    /// <summary>Vanishes with a reset: mid-request, with payloads in flight to it, or right after joining a room.</summary>
    private static async Task AbruptAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        var variant = context.Random.Next(4);
        if (variant > 0)
        {
            await connection.LoginAsync();
        }

        switch (variant)
        {
            case 1:
                await connection.SayAsync(connection.MessageText(0));
                await connection.Client.SendRawAsync("{\"request\": \"msg\", \"content\": \"cut of");
                break;
            case 2:
                await connection.JoinAsync(context.Pick(context.Cast.Rooms.Where(r => r != connection.Room).ToArray()));
                await connection.SendAllAsync([new("history", "100"), new("names", null)]);
                break;
            case 3:
                await connection.SendAsync("join", context.Pick(SoakCast.ChaosRooms));
                break;
            default:
                await connection.Client.SendRawAsync("{\"request\": \"lo");
                break;
        }

        connection.Client.Abort();
    }

    /// <summary>Tries names that are not its own: taken ones, registered ones without or with a wrong password.</summary>
    private static async Task ImpostorAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        var cast = context.Cast;
        for (var i = context.Random.Next(2, 5); i > 0; i--)
        {
            var registered = context.Pick(cast.RegisteredNames);
            switch (context.Random.Next(5))
            {
                case 0:
                    await connection.RefusedAsync("login", context.Pick(cast.Names.Except(cast.RegisteredNames).ToArray()).ToUpperInvariant(), ErrorCodes.NameTaken);
                    break;
                case 1:
                    await connection.RefusedAsync("login", registered, ErrorCodes.PasswordRequired);
                    break;
                case 2:
                    // Many impostors guess the same names, so the name may be locked out already.
                    await connection.RefusedAsync("login", $"{registered} guess{context.Index}", ErrorCodes.BadPassword, ErrorCodes.RateLimited);
                    break;
                case 3:
                    await connection.RefusedAsync("login", $"{context.Name} apassword", ErrorCodes.NotRegistered);
                    break;
                default:
                    await connection.RefusedAsync("login", "Server", ErrorCodes.InvalidUsername);
                    break;
            }
        }

        if (context.Random.Next(2) == 0)
        {
            await connection.LoginAsync();
        }

        await connection.LeaveAsync();
    }

    /// <summary>Moderation without the right: every request is refused (and audited).</summary>
    private static async Task ModerationAsync(ChaosContext context)
    {
        await using var connection = await context.ConnectAsync();
        await connection.LoginAsync();
        foreach (var request in Some(context, s_moderation, 4))
        {
            var content = request switch
            {
                "delete" => "1",
                "bans" => null,
                _ => $"{context.Pick(context.Cast.Names)} because",
            };
            await connection.RefusedAsync(request, content, ErrorCodes.Forbidden);
        }

        await connection.LeaveAsync();
    }

    /// <summary>Opens one connection more than an address may hold: the last is refused with a reason.</summary>
    private static async Task StormAsync(ChaosContext context)
    {
        var limit = new ChatServerOptions().MaxConnectionsPerAddress;
        var connections = new List<TcpTestClient>();
        try
        {
            // Each logs in, so all hold their slot (and no login timeout frees one) before the last comes.
            for (var i = 0; i < limit; i++)
            {
                connections.Add(await TcpTestClient.ConnectAsync(context.Server.EndPoint, localAddress: context.StormAddress));
                await connections[^1].LoginAsync($"{context.Name}x{i}");
            }

            connections.Add(await TcpTestClient.ConnectAsync(context.Server.EndPoint, localAddress: context.StormAddress));
            var refusal = Assert.Single(await connections[^1].ReadUntilClosedAsync());
            Payloads.Error(refusal, ErrorCodes.TooManyConnections);
        }
        finally
        {
            foreach (var connection in connections)
            {
                if (context.Random.Next(2) == 0)
                {
                    connection.Abort();
                }

                await connection.DisposeAsync();
            }
        }
    }
}
