using System.Text.Json;

namespace Parley.Client.Tests.Peers;

/// <summary>
/// Server personalities taken from "What real peers do" in PROTOCOL.md. Each answers login, msg, names,
/// help and logout the way one family of peer servers does on the wire.
/// </summary>
public static class PeerHabits
{
    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions s_pretty = new() { WriteIndented = true };

    public const double UnixNow = 1764075725.25; // 2026-11-25T13:02:05.25Z

    public static string Json(Dictionary<string, object?> payload, bool pretty = false) => JsonSerializer.Serialize(payload, pretty ? s_pretty : s_compact);

    /// <summary>
    /// Python <c>json.dumps</c> with <c>send()</c> and no delimiter: float Unix timestamps, sender <c>""</c>,
    /// the login info and the history (JSON-encoded strings) in one write.
    /// </summary>
    public static Func<PeerSession, PeerRequest, Task> NoDelimiter => async (session, request) =>
    {
        Dictionary<string, object?> Payload(string sender, string response, object? content)
            => new() { ["timestamp"] = UnixNow, ["sender"] = sender, ["response"] = response, ["content"] = content };

        switch (request.Request)
        {
            case "login":
                session.Username = request.Content;
                var history = session.Server.Messages.Select(m => Json(Payload(m.Sender, "message", m.Text))).ToList();
                await session.SendAsync(Json(Payload("", "info", "Login successful")) + Json(Payload("", "history", history)));
                break;
            case "msg":
                await session.SendAsync(Json(Payload(session.Username!, "message", request.Content)));
                break;
            case "names":
                await session.SendAsync(Json(Payload("", "info", "Users: " + session.Username)));
                break;
            case "help":
                await session.SendAsync(Json(Payload("", "info", "login <username>\nlogout\nmsg <message>\nnames\nhelp")));
                break;
            case "logout":
                await session.SendAsync(Json(Payload("", "info", "Bye")));
                session.Close();
                break;
            default:
                await session.SendAsync(Json(Payload("", "error", "Unknown request")));
                break;
        }
    };

    /// <summary>
    /// Pretty-printed multi-line JSON, capitalised kinds, sender <c>"Server"</c>, ctime timestamps, history as
    /// objects (one without a timestamp), <c>names</c> as its own kind with a list, messages split across writes.
    /// </summary>
    public static Func<PeerSession, PeerRequest, Task> PrettyPrinted => async (session, request) =>
    {
        const string Ctime = "Wed Nov 25 13:02:51 2026";
        Dictionary<string, object?> Payload(string sender, string response, object? content)
            => new() { ["response"] = response, ["sender"] = sender, ["content"] = content, ["timestamp"] = Ctime };

        switch (request.Request)
        {
            case "login":
                session.Username = request.Content;
                await session.SendAsync(Json(Payload("Server", "Info", "Login successful"), pretty: true));
                var items = session.Server.Messages
                    .Select((m, i) => (object)(i == 0 ? new Dictionary<string, object?> { ["sender"] = m.Sender, ["content"] = m.Text } : Payload(m.Sender, "Message", m.Text)))
                    .ToList();
                await session.SendSplitAsync(Json(Payload("Server", "History", items), pretty: true));
                break;
            case "msg":
                await session.SendSplitAsync(Json(Payload(session.Username!, "Message", request.Content), pretty: true));
                break;
            case "names":
                await session.SendAsync(Json(Payload("Server", "names", new[] { session.Username, "bob" }), pretty: true));
                break;
            case "logout":
                await session.SendAsync(Json(Payload("Server", "Logout", "Goodbye"), pretty: true));
                session.Close();
                break;
            default:
                await session.SendAsync(Json(Payload("Server", "Info", "Commands: login, logout, msg, names, help"), pretty: true));
                break;
        }
    };

    /// <summary>
    /// History first: one <c>history</c> payload per old message (content one plain string) before the login
    /// info; no sender on server payloads, <c>name</c> instead of <c>sender</c>, kind <c>msg</c>, <c>"HH:MM:SS"</c>.
    /// </summary>
    public static Func<PeerSession, PeerRequest, Task> HistoryFirst => async (session, request) =>
    {
        switch (request.Request)
        {
            case "login":
                session.Username = request.Content;
                foreach (var (sender, text) in session.Server.Messages)
                {
                    await session.SendAsync(Json(new() { ["timestamp"] = "13:02:05", ["response"] = "history", ["content"] = $"{sender}: {text}" }) + "\n");
                }

                await session.SendAsync(Json(new() { ["timestamp"] = "13:02:06", ["response"] = "login", ["content"] = "Welcome " + request.Content }) + "\n");
                break;
            case "msg":
                await session.SendAsync(Json(new() { ["timestamp"] = "13:02:07", ["name"] = session.Username, ["response"] = "msg", ["content"] = request.Content }) + "\n");
                break;
            case "logout":
                await session.SendAsync(Json(new() { ["timestamp"] = "13:02:08", ["response"] = "logout", ["content"] = "bye" }) + "\n");
                session.Close();
                break;
            default:
                await session.SendAsync(Json(new() { ["timestamp"] = "13:02:09", ["response"] = "info", ["content"] = new[] { session.Username, "bob" } }) + "\n");
                break;
        }
    };

    /// <summary>No history payload at all: old messages replayed as plain <c>message</c>s; <c>"[Server]"</c>, <c>"2026-11-25 13:02:05"</c>.</summary>
    public static Func<PeerSession, PeerRequest, Task> NoHistory => async (session, request) =>
    {
        Dictionary<string, object?> Payload(string sender, string response, object? content)
            => new() { ["timestamp"] = "2026-11-25 13:02:05", ["sender"] = sender, ["response"] = response, ["content"] = content };

        switch (request.Request)
        {
            case "login":
                session.Username = request.Content;
                await session.SendAsync(Json(Payload("[Server]", "info", "Login successful")) + "\n");
                foreach (var (sender, text) in session.Server.Messages)
                {
                    await session.SendAsync(Json(Payload(sender, "message", text)) + "\n");
                }

                break;
            case "msg":
                await session.SendAsync(Json(Payload(session.Username!, "message", request.Content)) + "\n");
                break;
            case "logout":
                await session.SendAsync(Json(Payload("SERVER", "info", "Logged out")) + "\n");
                session.Close();
                break;
            default:
                await session.SendAsync(Json(Payload("SERVER", "info", "names: " + session.Username)) + "\n");
                break;
        }
    };

    /// <summary>Answers the login, then drops the connection: the client must report a lost connection.</summary>
    public static Func<PeerSession, PeerRequest, Task> DropsAfterLogin => async (session, request) =>
    {
        await session.SendAsync(Json(new() { ["response"] = "info", ["content"] = "Login successful" }));
        session.Close();
    };

    /// <summary>Never answers: the client's pacing alone keeps its requests apart.</summary>
    public static Func<PeerSession, PeerRequest, Task> Silent => (_, _) => Task.CompletedTask;

    /// <summary>Like Parley: ISO timestamps, one compact line per payload, discovery keys on the login info.</summary>
    public static Func<PeerSession, PeerRequest, Task> Advertising => async (session, request) =>
    {
        Dictionary<string, object?> Payload(string sender, string response, object? content)
            => new() { ["timestamp"] = "2026-11-25T13:02:05.123Z", ["sender"] = sender, ["response"] = response, ["content"] = content };

        switch (request.Request)
        {
            case "login":
                session.Username = request.Content;
                var info = Payload("server", "info", "Login successful");
                info["server"] = "parley/0.1.0";
                info["extensions"] = new[] { "history", "rooms" };
                await session.SendAsync(Json(info) + "\n");
                await session.SendAsync(Json(Payload("server", "history", new List<string>())) + "\n");
                break;
            case "logout":
                await session.SendAsync(Json(Payload("server", "info", "Goodbye")) + "\n");
                session.Close();
                break;
            default:
                await session.SendAsync(Json(Payload("server", "info", "ok")) + "\n");
                break;
        }
    };
}
