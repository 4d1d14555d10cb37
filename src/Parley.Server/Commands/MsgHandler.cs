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

    /// <summary>Messages are ordered by their room's queue, so the session need not wait for its earlier ones.</summary>
    public bool Pipelined => true;

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var text = request.Content ?? string.Empty;
        if (MessageText.Problem(session, text, Usage) is { } problem)
        {
            await session.SendErrorAfterDeliveriesAsync(problem.Code, problem.Text);
            return;
        }

        if (session.Room is not { } room)
        {
            return; // logged out concurrently: nothing to deliver to
        }

        if (session.LastDeliveryOrder is { } order && order != room)
        {
            // The earlier deliveries are not ordered by this room's queue (a direct message): let them finish.
            await session.WaitForDeliveriesAsync();
        }

        var delivery = await room.EnqueuePublishAsync(session, new NewMessage(room.Name, session.Username!, text, session.Server.Clock.GetUtcNow()), cancellationToken);
        if (delivery is null)
        {
            await session.SendErrorAfterDeliveriesAsync(ErrorCodes.ShuttingDown, "The server is shutting down; your message was not sent.");
            return;
        }

        session.TrackDelivery(delivery, room);
    }
}
