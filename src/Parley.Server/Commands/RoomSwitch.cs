using Parley.Protocol;
using Parley.Server.Chat;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary>Moving a user from their room to another: what <c>join</c> and <c>leave</c> share.</summary>
internal static class RoomSwitch
{
    /// <summary>
    /// Leaves the current room (its members are told), then joins <paramref name="target"/> (created when
    /// new): the user gets an info and the room's history, the room's members an info. Moving to the room
    /// the user is in already is refused with <c>invalid_argument</c>.
    /// </summary>
    public static async ValueTask MoveAsync(ChatSession session, string target, CancellationToken cancellationToken)
    {
        if (session.Room is not { } old || session.Username is not { } name)
        {
            return; // logged out concurrently: there is no one to move
        }

        if (RoomNames.Comparer.Equals(old.Name, target))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"You are in #{old.Name} already.");
            return;
        }

        var server = session.Server;
        var room = await server.GetOrCreateRoomAsync(target, cancellationToken);
        old.Leave(session);
        old.Broadcast(PayloadWriter.ToLine(RoomInfo(server.Clock, $"{name} left #{old.Name}", old)));
        await room.JoinAsync(session, server.Options.LoginHistoryMaxMessages, history => Welcome(session, name, room, history), cancellationToken);
    }

    /// <summary>
    /// Runs on the room's pump, before the user becomes a member: the members hear of the join in order with
    /// the room's messages (and the joiner is not among them), and the joiner's history meets the live
    /// stream with no gap. The history has the login history's format, size caps and pause behind the info.
    /// </summary>
    private static void Welcome(ChatSession session, string name, Room room, IReadOnlyList<StoredMessage> history)
    {
        var server = session.Server;
        var options = server.Options;
        room.Broadcast(PayloadWriter.ToLine(RoomInfo(server.Clock, $"{name} joined #{room.Name}", room)));
        session.Send(RoomInfo(server.Clock, $"You joined #{room.Name}", room));
        var line = HistoryWriter.Write(history, options.HistoryFormat, server.Clock.GetUtcNow(), options.LoginHistoryMaxBytes, room.Name);
        session.TryEnqueue(new OutboundItem(line, TimeSpan.FromMilliseconds(options.HistoryDelayMilliseconds)));
    }

    private static NoticePayload RoomInfo(TimeProvider clock, string text, Room room) => Notices.Info(clock, text) with { Room = room.Name };
}
