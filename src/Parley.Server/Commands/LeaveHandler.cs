using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>leave</c> (extension): back to the lobby, as <c>join lobby</c>.</summary>
internal sealed class LeaveHandler : IRequestHandler
{
    public string Name => "leave";

    public string Usage => "leave";

    public string Description => $"leave your room and go back to #{ChatServer.DefaultRoom}";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    public ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        // Content is ignored, as for the other requests without an argument.
        var lobby = session.Server.Lobby;
        if (session.Room == lobby)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"You are in #{lobby.Name} already; there is no room to leave.");
            return ValueTask.CompletedTask;
        }

        return RoomSwitch.MoveAsync(session, lobby.Name, cancellationToken);
    }
}
