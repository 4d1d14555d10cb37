using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Chat;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary>
/// <c>login &lt;username&gt; [password]</c>: the info "Login successful" (with discovery keys), then the history
/// in its own write. A registered name needs its password (see <see cref="AccountService.CheckLoginAsync"/>).
/// </summary>
internal sealed class LoginHandler(AccountService accounts) : IRequestHandler
{
    private const int MaxEchoedLength = 40;

    public string Name => "login";

    public string Usage => "login <username> [password]";

    public string Description => "log in with the given username (letters A-Z, a-z and digits, 1 to 32 characters); a registered name needs its password";

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

        // The name, then (after the first space) the password. "bob " stays an invalid name, as in the base
        // protocol: an empty password is no password.
        var (name, password) = SplitPassword(request.Content);
        if (!Usernames.IsValid(name) || password is { Length: 0 })
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.InvalidUsername);
            session.SendError(ErrorCodes.InvalidUsername, name is null
                ? "Usage: login <username> [password]"
                : $"Invalid username '{Shorten(password is { Length: 0 } ? request.Content! : name)}': use 1 to {Usernames.MaxLength} letters A-Z, a-z or digits 0-9.");
            return;
        }

        if (Usernames.IsReserved(name))
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.InvalidUsername);
            session.SendError(ErrorCodes.InvalidUsername, $"The name '{name}' is reserved. Choose another.");
            return;
        }

        var (allowed, account) = await accounts.CheckLoginAsync(session, name, password, cancellationToken);
        if (!allowed)
        {
            return;
        }

        if (!await server.TryClaimNameAsync(name, session, cancellationToken))
        {
            ServerLog.LoginRefused(session.Logger, session.ConnectionId, ErrorCodes.NameTaken);
            session.SendError(ErrorCodes.NameTaken, $"The name '{name}' is taken. Choose another.");
            return;
        }

        session.Account = account;
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

    private static (string? Name, string? Password) SplitPassword(string? content)
    {
        var space = content?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space < 0 ? (content, null) : (content![..space], content[(space + 1)..]);
    }

    private static string Shorten(string text) => text.Length > MaxEchoedLength ? text[..MaxEchoedLength] + "..." : text;
}
