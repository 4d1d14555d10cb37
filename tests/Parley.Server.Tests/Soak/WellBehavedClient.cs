using System.Text;
using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Soak;

/// <summary>One message as a well-behaved client received it (the text as a hash: a run holds thousands).</summary>
internal readonly record struct ReceivedMessage(long Id, string Sender, int TextHash)
{
    public static int Hash(string text) => text.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// A client that keeps every rule while chaos goes on around it: it paces its messages under the default flood
/// limit, waits for the echo of each before the next, reads everything as it comes, and records every message
/// of its room so that the test can compare what it received with what the store holds. Its messages read
/// <c>name:seq:padding</c> (the padding, up to a few KiB of mixed text, is derived from the seed and the
/// sequence number, so it can be checked without being kept); its last one reads <c>name:end</c>.
/// </summary>
internal sealed class WellBehavedClient : IAsyncDisposable
{
    // 550-800 ms from one echo to the next message: under 2 a second, the default refill; the burst of 5
    // absorbs arrival jitter.
    private const int MinPauseMilliseconds = 550;
    private const int MaxPauseMilliseconds = 800;
    private const int MaxPaddingPieces = 1500;

    private static readonly string[] s_pieces = ["a", "b", "c", "x", "y", "z", "0", "9", " ", "\t", "\"", "\\", "/", "{", "}", "\u00e6", "\u00f8", "\u20ac", "\ud83d\ude00"];

    private readonly TcpTestClient _client;
    private readonly Random _random;
    private readonly int _textSeed;
    private readonly SemaphoreSlim _echoes = new(0);
    private readonly List<ReceivedMessage> _received = [];
    private readonly List<string> _anomalies = [];
    private HashSet<string> _awaitingEnd = [];
    private Task _reading = Task.CompletedTask;
    private int _echoed;

    private WellBehavedClient(TcpTestClient client, string name, string room, Random random)
    {
        _client = client;
        Name = name;
        Room = room;
        _random = random;
        _textSeed = random.Next();
    }

    public string Name { get; }

    public string Room { get; }

    /// <summary>Messages the server echoed back (so stored and delivered), not counting the end marker.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Direct messages received (chaos clients send some).</summary>
    public int DirectMessages { get; private set; }

    /// <summary>Every message of its room, in arrival order; complete once <see cref="FinishAsync"/> returned.</summary>
    public IReadOnlyList<ReceivedMessage> Received => _received;

    /// <summary>What it should never have seen: errors, other rooms' messages, its own messages out of order.</summary>
    public IReadOnlyList<string> Anomalies => _anomalies;

    /// <summary>
    /// Logs in (registering the name first when <paramref name="password"/> is given, then coming back with it)
    /// and joins <paramref name="room"/>. Nothing has been said in any room yet, so everything the room will
    /// ever hold is what this client must receive.
    /// </summary>
    public static async Task<WellBehavedClient> ConnectAsync(SocketServer server, string name, string room, string? password, Random random)
    {
        if (password is not null)
        {
            await using var first = await server.LoginAsync(name);
            Assert.StartsWith($"The name {name} is now registered", Payloads.Info(await first.RequestAsync("register", password)));
            Assert.Equal($"Goodbye, {name}!", Payloads.Info(await first.RequestAsync("logout")));
        }

        var client = await TcpTestClient.ConnectAsync(server.EndPoint, keepRawBytes: false);
        var history = await client.LoginAsync(password is null ? name : $"{name} {password}");
        if (room != ChatServer.DefaultRoom)
        {
            history = await client.JoinAsync(room);
        }

        Assert.Empty(Payloads.HistoryItems(history));
        return new WellBehavedClient(client, name, room, random);
    }

    public static string EndMarker(string name) => $"{name}:end";

    /// <summary>Starts reading; reading ends once every one of <paramref name="roomMates"/> (itself included) said its end marker.</summary>
    public void StartReading(IEnumerable<string> roomMates)
    {
        _awaitingEnd = [.. roomMates];
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Chats until <paramref name="stop"/>; every message is echoed before the next goes.</summary>
    public async Task ChatAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await SayAsync(TextOf(Acknowledged));
            Acknowledged++;

            // Now and then something else (the answers are read, and skipped, by the reader).
            switch (_random.Next(12))
            {
                case 0:
                    await _client.SendAsync("names");
                    break;
                case 1:
                    await _client.SendAsync("history", "20");
                    break;
            }

            try
            {
                await Task.Delay(_random.Next(MinPauseMilliseconds, MaxPauseMilliseconds), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Says the end marker, then reads until every room mate has said theirs.</summary>
    public async Task FinishAsync()
    {
        await SayAsync(EndMarker(Name));
        await _reading.WaitAsync(TestTimeouts.Scenario);
    }

    /// <summary>The text of message <paramref name="sequence"/>: the same every time it is asked for.</summary>
    public string TextOf(int sequence)
    {
        var random = new Random(unchecked(_textSeed + sequence));
        var text = new StringBuilder($"{Name}:{sequence}:");
        for (var i = random.Next(MaxPaddingPieces); i > 0; i--)
        {
            text.Append(s_pieces[random.Next(s_pieces.Length)]);
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task SayAsync(string text)
    {
        await _client.SendAsync("msg", text);
        var echo = _echoes.WaitAsync(TestTimeouts.Payload);
        await Task.WhenAny(echo, _reading);
        if (_reading.IsCompleted)
        {
            await _reading; // a failed reader says why
        }

        Assert.True(await echo, $"{Name}: no echo of its message within {TestTimeouts.Payload.TotalSeconds} s.");
    }

    private async Task ReadAsync()
    {
        while (_awaitingEnd.Count > 0)
        {
            var payload = await _client.ReadPayloadAsync(TestTimeouts.Scenario);
            switch (Payloads.Kind(payload))
            {
                case ResponseKinds.Message when RoomSteps.To(payload) is not null:
                    DirectMessages++;
                    break;
                case ResponseKinds.Message:
                    OnRoomMessage(payload);
                    break;
                case ResponseKinds.Error:
                    _anomalies.Add($"an error: {payload}");
                    break;
                default:
                    break; // infos (joins, leaves, names) and its own history pages say nothing about delivery
            }
        }
    }

    private void OnRoomMessage(JsonElement payload)
    {
        if (RoomSteps.Room(payload) != Room)
        {
            _anomalies.Add($"a message of another room: {payload}");
            return;
        }

        var sender = Payloads.Sender(payload);
        var text = Payloads.Text(payload);
        _received.Add(new ReceivedMessage(Payloads.Id(payload), sender, ReceivedMessage.Hash(text)));
        if (text == EndMarker(sender))
        {
            _awaitingEnd.Remove(sender);
        }

        if (sender != Name)
        {
            return;
        }

        if (text != EndMarker(Name))
        {
            if (text != TextOf(_echoed))
            {
                _anomalies.Add($"its own message {_echoed} is not the next it received: {Shorten(text)}");
            }

            _echoed++;
        }

        _echoes.Release();
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
