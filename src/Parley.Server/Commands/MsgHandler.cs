using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary><c>msg &lt;message&gt;</c>: stored, then broadcast to the sender's room, the sender included.</summary>
internal sealed class MsgHandler : IRequestHandler
{
    public string Name => "msg";

    public string Usage => "msg <message>";

    public string Description => "send a message to everyone in your room";

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => false;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var text = request.Content;
        if (!MessageText.Check(session, text, Usage))
        {
            return;
        }

        if (session.Room is not { } room)
        {
            return; // logged out concurrently: nothing to deliver to
        }

        if (!await room.PublishAsync(session, new NewMessage(room.Name, session.Username!, text, session.Server.Clock.GetUtcNow()), cancellationToken))
        {
            session.SendError(ErrorCodes.ShuttingDown, "The server is shutting down; your message was not sent.");
        }
    }
}
