using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary><c>login &lt;username&gt;</c>: the info "Login successful" (with discovery keys), then the history in its own write.</summary>
internal sealed class LoginHandler : IRequestHandler
{
    private const int MaxEchoedLength = 40;

    public string Name => "login";

    public string Usage => "login <username>";

    public string Description => "log in with the given username (letters A-Z, a-z and digits, 1 to 32 characters)";

    public bool AllowedBeforeLogin => true;

    public bool IsExtension => false;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var server = session.Server;
        if (session.Username is { } current)
        {
            session.SendError(ErrorCodes.AlreadyLoggedIn, $"You are already logged in as {current}. Log out first to change name.");
            return;
        }

        var name = request.Content;
        if (!Usernames.IsValid(name))
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.InvalidUsername);
            session.SendError(ErrorCodes.InvalidUsername, name is null
                ? "Usage: login <username>"
                : $"Invalid username '{Shorten(name)}': use 1 to {Usernames.MaxLength} letters A-Z, a-z or digits 0-9.");
            return;
        }

        if (Usernames.IsReserved(name))
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.InvalidUsername);
            session.SendError(ErrorCodes.InvalidUsername, $"The name '{name}' is reserved. Choose another.");
            return;
        }

        if (!server.TryClaimName(name, session))
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.NameTaken);
            session.SendError(ErrorCodes.NameTaken, $"The name '{name}' is taken. Choose another.");
            return;
        }

        var options = server.Options;
        await server.Lobby.JoinAsync(session, options.LoginHistoryMaxMessages, history => Welcome(session, history), cancellationToken);
        ServerLog.LoggedIn(session.Logger, session.ConnectionId, name);
    }

    private static void Welcome(ChatSession session, IReadOnlyList<StoredMessage> history)
    {
        var server = session.Server;
        var options = server.Options;
        session.Send(Notices.Info(server.Clock, "Login successful") with
        {
            Server = $"parley/{ChatServer.Version}",
            Extensions = session.Dispatcher.Extensions,
        });

        // The history goes in its own write, a moment after the info: peer clients break when both arrive
        // in one read. Everything queued behind it waits too, so nothing overtakes the history.
        var line = HistoryWriter.Write(history, options.HistoryFormat, server.Clock.GetUtcNow(), options.LoginHistoryMaxBytes, server.Lobby.Name);
        session.TryEnqueue(new OutboundItem(line, TimeSpan.FromMilliseconds(options.HistoryDelayMilliseconds)));
    }

    private static string Shorten(string text) => text.Length > MaxEchoedLength ? text[..MaxEchoedLength] + "..." : text;
}
