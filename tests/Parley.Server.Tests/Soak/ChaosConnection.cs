using System.Text;
using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Soak;

/// <summary>
/// A chaos client's connection: it checks that the server answers each misdeed as the protocol says, while
/// skipping what any member of a busy room receives meanwhile (messages, join and leave notices). Every echo
/// of its own messages goes into the ledger, so the test can look for those messages in the store at the end.
/// </summary>
internal sealed class ChaosConnection : IAsyncDisposable
{
    private readonly ChaosContext _context;

    private ChaosConnection(ChaosContext context, TcpTestClient client)
    {
        _context = context;
        Client = client;
    }

    public TcpTestClient Client { get; }

    public bool LoggedIn { get; private set; }

    /// <summary>The room it is in, once logged in.</summary>
    public string Room { get; private set; } = ChatServer.DefaultRoom;

    private string Name => _context.Name;

    public static async Task<ChaosConnection> OpenAsync(ChaosContext context, int? receiveBufferSize = null)
        => new(context, await TcpTestClient.ConnectAsync(context.Server.EndPoint, receiveBufferSize, context.Address));

    public Task SendAsync(string request, string? content = null) => Client.SendAsync(request, content);

    /// <summary>Several requests in one write, as a flooding client sends them; false when the server closed first.</summary>
    public Task<bool> SendAllAsync(IEnumerable<ChatRequest> requests)
        => Client.TrySendRawAsync(requests.SelectMany(PayloadWriter.ToLine).ToArray());

    /// <summary>Reads until a payload <paramref name="wanted"/> accepts, skipping room traffic; any other error fails.</summary>
    public async Task<JsonElement> ExpectAsync(Func<JsonElement, bool> wanted, string what)
    {
        while (true)
        {
            var payload = await Client.ReadPayloadAsync();
            Observe(payload);
            if (wanted(payload))
            {
                return payload;
            }

            if (Payloads.Kind(payload) != ResponseKinds.Error)
            {
                continue; // a message, a notice or a page of someone's history: the room's life goes on
            }

            if (!LoggedIn && payload.GetProperty("code").GetString() == ErrorCodes.LoginTimeout)
            {
                throw new LoginTimedOutException();
            }

            throw new Xunit.Sdk.XunitException($"{Name} expected {what}, got {payload}");
        }
    }

    public Task<JsonElement> ExpectErrorAsync(params string[] codes)
        => ExpectAsync(p => Payloads.Kind(p) == ResponseKinds.Error && codes.Contains(p.GetProperty("code").GetString()), $"an error {string.Join(" or ", codes)}");

    public Task<JsonElement> ExpectInfoAsync(string start)
        => ExpectAsync(p => Payloads.Kind(p) == ResponseKinds.Info && Payloads.Text(p).StartsWith(start, StringComparison.Ordinal), $"an info '{start}...'");

    public Task<JsonElement> ExpectHistoryAsync()
        => ExpectAsync(p => Payloads.Kind(p) == ResponseKinds.History, "a history");

    /// <summary>Sends a request the server must refuse with one of <paramref name="codes"/>.</summary>
    public async Task RefusedAsync(string request, string? content, params string[] codes)
    {
        await SendAsync(request, content);
        await ExpectErrorAsync(codes);
    }

    /// <summary>Help still works: the connection survived what came before.</summary>
    public async Task StillServedAsync()
    {
        await SendAsync("help");
        await ExpectInfoAsync("Requests this server supports");
    }

    public async Task LoginAsync(string? password = null)
    {
        await SendAsync("login", password is null ? Name : $"{Name} {password}");
        await ExpectInfoAsync("Login successful");
        LoggedIn = true;
        await ExpectHistoryAsync();
    }

    public async Task JoinAsync(string room)
    {
        await SendAsync("join", room);
        await ExpectInfoAsync($"You joined #{room}");
        Room = room;
        await ExpectHistoryAsync();
    }

    /// <summary>Sends a message to its room and waits for the echo (a direct message when <paramref name="to"/> is set).</summary>
    public async Task SayAsync(string text, string? to = null)
    {
        await (to is null ? SendAsync("msg", text) : SendAsync("dm", $"{to} {text}"));
        await ExpectAsync(p => Payloads.Kind(p) == ResponseKinds.Message && Payloads.Sender(p) == Name && Payloads.Text(p) == text, $"the echo of '{text}'");
    }

    /// <summary>Reads until the server closes the connection; returns what came first.</summary>
    public async Task<IReadOnlyList<JsonElement>> ExpectClosedAsync()
    {
        var payloads = await Client.ReadUntilClosedAsync();
        foreach (var payload in payloads)
        {
            Observe(payload);
        }

        return payloads;
    }

    /// <summary>Goes away in one of the ways clients do: a close, a reset, or a logout that is answered first.</summary>
    public async Task LeaveAsync()
    {
        switch (_context.Random.Next(3))
        {
            case 0:
                Client.Abort();
                _context.Ledger.Add("ended: reset");
                break;
            case 1 when LoggedIn:
                await SendAsync("logout");
                await ExpectInfoAsync($"Goodbye, {Name}!");
                await ExpectClosedAsync();
                _context.Ledger.Add("ended: logout");
                break;
            default:
                _context.Ledger.Add("ended: close");
                break; // disposed by the caller: a FIN
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    /// <summary>A line that is not JSON from its first byte on: exactly one <c>bad_json</c>, whatever follows.</summary>
    public static byte[] GarbageLine(Random random)
    {
        var line = new byte[random.Next(2, 200)];
        random.NextBytes(line);
        ReadOnlySpan<byte> firsts = [(byte)'@', (byte)'#', (byte)'<', 0x00, 0xFF];
        line[0] = firsts[random.Next(firsts.Length)];
        for (var i = 1; i < line.Length - 1; i++)
        {
            if (line[i] == (byte)'\n')
            {
                line[i] = (byte)'?';
            }
        }

        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Text for a message: the sender and a number first (unique), then some mixed characters.</summary>
    public string MessageText(int number)
        => new StringBuilder($"{Name}:{number}:").Append('\u00e6', _context.Random.Next(3)).Append(' ', 1).Append('x', _context.Random.Next(1, 2000)).ToString();

    private void Observe(JsonElement payload)
    {
        if (Payloads.Kind(payload) == ResponseKinds.Message && Payloads.Sender(payload) == Name)
        {
            _context.Ledger.Acknowledged(new AcknowledgedMessage(Payloads.Id(payload), Name, Payloads.Text(payload), RoomSteps.Room(payload), RoomSteps.To(payload)));
        }
    }

    /// <summary>The server closed a connection that had not logged in in time: an outcome a slow run may reach, not a failure.</summary>
    public sealed class LoginTimedOutException() : Exception("No login within the server's login timeout.");
}
