namespace Parley.Client.Tests.Peers;

/// <summary>A peer that speaks Parley's account extension: the name <c>alice</c> is registered (password <see cref="AlicePassword"/>).</summary>
public static class AccountHabits
{
    public const string AlicePassword = "hunter22pw";

    private static Dictionary<string, object?> Payload(string response, object? content, string? code = null)
    {
        var payload = new Dictionary<string, object?> { ["timestamp"] = "2026-11-25T13:02:05.123Z", ["sender"] = "server", ["response"] = response, ["content"] = content };
        if (code is not null)
        {
            payload["code"] = code;
        }

        return payload;
    }

    /// <summary>
    /// <c>login alice</c> without a password: <c>password_required</c>; with the wrong one: <c>bad_password</c>;
    /// any other name logs in. <c>register</c> and <c>password</c> are accepted; <c>logout</c> closes.
    /// </summary>
    public static Func<PeerSession, PeerRequest, Task> PasswordRequired => async (session, request) =>
    {
        var words = request.Content?.Split(' ', 2) ?? [];
        switch (request.Request)
        {
            case "login" when words is ["alice"]:
                await session.SendAsync(PeerHabits.Json(Payload("error", "The name alice is registered: log in with login alice <password>.", "password_required")) + "\n");
                break;
            case "login" when words is ["alice", var password] && password != AlicePassword:
                await session.SendAsync(PeerHabits.Json(Payload("error", "Wrong password.", "bad_password")) + "\n");
                break;
            case "login":
                session.Username = words[0];
                var info = Payload("info", "Login successful");
                info["server"] = "parley/0.1.0";
                info["extensions"] = new[] { "history", "join", "leave", "register", "password" };
                await session.SendAsync(PeerHabits.Json(info) + "\n");
                await session.SendAsync(PeerHabits.Json(Payload("history", new List<string>())) + "\n");
                break;
            case "register":
                await session.SendAsync(PeerHabits.Json(Payload("info", $"The name {session.Username} is now registered to you.")) + "\n");
                break;
            case "password":
                await session.SendAsync(PeerHabits.Json(Payload("info", "Password changed.")) + "\n");
                break;
            case "logout":
                await session.SendAsync(PeerHabits.Json(Payload("info", "Goodbye!")) + "\n");
                session.Close();
                break;
            default:
                await session.SendAsync(PeerHabits.Json(Payload("error", "Unknown request.", "unknown_request")) + "\n");
                break;
        }
    };
}
