using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>logout</c>: an info goodbye, then the server closes the connection.</summary>
internal sealed class LogoutHandler : IRequestHandler
{
    public string Name => "logout";

    public string Usage => "logout";

    public string Description => "log out and disconnect";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => false;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var name = session.Username;
        session.Server.LogOut(session, "logout");
        session.CloseWith(Notices.Info(session.Server.Clock, $"Goodbye, {name}!"));
        return ValueTask.CompletedTask;
    }
}
