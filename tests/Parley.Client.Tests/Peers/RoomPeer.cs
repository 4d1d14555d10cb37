using System.Globalization;
using System.Net.Sockets;

namespace Parley.Client.Tests.Peers;

/// <summary>
/// A small stand-in for Parley's server, enough for reconnect tests: logins (any password accepted), rooms,
/// message ids, a login or join history of only the last <see cref="HistorySize"/> messages (so a client that
/// missed more must page back), and <c>history N before ID</c>. <see cref="LoginGate"/> holds login answers
/// back, so a test can type while the client is still reconnecting.
/// </summary>
public sealed class RoomPeer
{
    private readonly Lock _lock = new();
    private readonly List<(long Id, string Room, string Sender, string Text)> _messages = [];
    private long _lastId;

    public int HistorySize { get; init; } = 3;

    public TaskCompletionSource LoginGate { get; set; } = Opened();

    public Func<PeerSession, PeerRequest, Task> Habit => HandleAsync;

    public static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    /// <summary>A message someone else sent while nobody under test was listening.</summary>
    public long Add(string room, string sender, string text)
    {
        lock (_lock)
        {
            _messages.Add((++_lastId, room, sender, text));
            return _lastId;
        }
    }

    private async Task HandleAsync(PeerSession session, PeerRequest request)
    {
        var words = request.Content?.Split(' ') ?? [];
        switch (request.Request)
        {
            case "login":
                await LoginGate.Task.WaitAsync(Timeouts.Wait);
                session.Username = words[0];
                session.Room = "lobby";
                var info = Payload("info", "Login successful");
                info["extensions"] = new[] { "history", "join" };
                await session.SendAsync(PeerHabits.Json(info) + "\n");
                await session.SendAsync(History(session.Room, long.MaxValue, HistorySize) + "\n");
                break;
            case "join":
                session.Room = words[0];
                var joined = Payload("info", "You joined #" + session.Room);
                joined["room"] = session.Room;
                await session.SendAsync(PeerHabits.Json(joined) + "\n");
                await session.SendAsync(History(session.Room, long.MaxValue, HistorySize) + "\n");
                break;
            case "history" when words is [var count, "before", var before]:
                await session.SendAsync(History(session.Room, long.Parse(before, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture)) + "\n");
                break;
            case "msg":
                var id = Add(session.Room, session.Username!, request.Content!);
                var message = Message(id, session.Room, session.Username!, request.Content!);
                foreach (var member in session.Server.Sessions.Where(s => s.Room == session.Room && s.Username is not null))
                {
                    await TrySendAsync(member, message + "\n");
                }

                break;
            case "logout":
                await session.SendAsync(PeerHabits.Json(Payload("info", "Goodbye!")) + "\n");
                session.Close();
                break;
            default:
                await session.SendAsync(PeerHabits.Json(Payload("error", "Unknown request.")) + "\n");
                break;
        }
    }

    private string History(string room, long before, int count)
    {
        List<string> items;
        lock (_lock)
        {
            items = [.. _messages.Where(m => m.Room == room && m.Id < before).TakeLast(count).Select(m => Message(m.Id, m.Room, m.Sender, m.Text))];
        }

        var history = Payload("history", items);
        history["room"] = room;
        return PeerHabits.Json(history);
    }

    private static string Message(long id, string room, string sender, string text) => PeerHabits.Json(new Dictionary<string, object?>
    {
        ["timestamp"] = "2026-11-25T13:02:05.123Z",
        ["sender"] = sender,
        ["response"] = "message",
        ["content"] = text,
        ["id"] = id,
        ["room"] = room,
    });

    private static Dictionary<string, object?> Payload(string response, object? content)
        => new() { ["timestamp"] = "2026-11-25T13:02:05.123Z", ["sender"] = "server", ["response"] = response, ["content"] = content };

    private static async Task TrySendAsync(PeerSession member, string chunk)
    {
        try
        {
            await member.SendAsync(chunk);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // That member's connection was dropped meanwhile.
        }
    }
}
