using System.Text;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Chat;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary>
/// What every moderation request shares: only a moderator who logged in with the account's password gets
/// past <see cref="HandleAsync"/>; anyone else gets <c>forbidden</c>, and the attempt is audited (as
/// "denied") so that probing shows up in the same log as the actions.
/// </summary>
internal abstract class ModerationHandler(AccountService accounts) : IRequestHandler
{
    public abstract string Name { get; }

    public abstract string Usage { get; }

    public abstract string Description { get; }

    public bool AllowedBeforeLogin => false;

    public bool IsExtension => true;

    protected AccountService Accounts => accounts;

    /// <summary>What the request does, for the refusal: "Only moderators can {Action}."</summary>
    protected abstract string Action { get; }

    public async ValueTask HandleAsync(ChatSession session, ChatRequest request, CancellationToken cancellationToken)
    {
        var actor = session.Username!;
        if (!await accounts.CanModerateAsync(session, cancellationToken))
        {
            await accounts.AuditAsync(actor, "denied", target: null, detail: Name, cancellationToken);
            session.SendError(ErrorCodes.Forbidden, session.IsAuthenticated
                ? $"Only moderators can {Action}."
                : $"Only moderators can {Action}. Moderators are registered accounts logged in with their password.");
            return;
        }

        await ModerateAsync(session, actor, request.Content, cancellationToken);
    }

    protected abstract ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken);

    /// <summary>Splits "bob some reason" into the name and the rest (null when there is none).</summary>
    protected static (string Name, string? Remainder) SplitFirst(string? content)
    {
        var text = content?.Trim() ?? string.Empty;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text, null) : (text[..space], text[(space + 1)..].Trim() is { Length: > 0 } rest ? rest : null);
    }

    /// <summary>
    /// Removes <paramref name="target"/> from the chat: it is logged out, told why and closed; its room is told
    /// (the actor too, when elsewhere, so every request gets an answer).
    /// </summary>
    protected static void Eject(ChatSession actor, ChatSession target, string toTarget, string toRoom)
    {
        var server = actor.Server;
        var room = target.Room?.Name;
        server.LogOut(target, "removed by a moderator");
        target.CloseWith(Notices.Info(server.Clock, toTarget));
        TellRoom(actor, room, Notices.Info(server.Clock, toRoom) with { Room = room });
    }

    /// <summary>
    /// <see cref="Eject"/> for a user on another node of the cluster: that node removes the user and tells
    /// the user's room (on every node); the actor is told here when not in that room.
    /// </summary>
    protected static void EjectRemote(ChatSession actor, RemoteUser target, NodeCommand command)
    {
        var server = actor.Server;
        server.Backplane!.SendToNode(target.NodeId, command);
        if (!RoomNames.Comparer.Equals(actor.Room?.Name, target.Room) && command.RoomText is { } roomText)
        {
            actor.Send(Notices.Info(server.Clock, roomText) with { Room = target.Room });
        }
    }

    /// <summary>An info for a user on another node of the cluster.</summary>
    protected static void TellRemote(ChatSession actor, RemoteUser target, string text)
    {
        var line = Encoding.UTF8.GetString(PayloadWriter.ToLine(Notices.Info(actor.Server.Clock, text)));
        actor.Server.Backplane!.SendToNode(target.NodeId, new NodeCommand(NodeCommandKind.Deliver, target.Name, Line: line));
    }

    /// <summary>Sends a notice to a room's members on every node, and to the actor when it is not one of them.</summary>
    protected static void TellRoom(ChatSession actor, string? room, NoticePayload notice)
    {
        var line = PayloadWriter.ToLine(notice);
        if (room is not null)
        {
            actor.Server.BroadcastToRoom(room, line);
        }

        if (room is null || !RoomNames.Comparer.Equals(actor.Room?.Name, room))
        {
            actor.TrySend(line);
        }
    }
}
