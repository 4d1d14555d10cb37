using System.Text;
using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Chat;

/// <summary>
/// The chat as one node of several (<c>--backplane redis</c>): what other nodes send here, and the questions
/// that span nodes. Without a backplane every answer is this process's own.
/// </summary>
public sealed partial class ChatServer : IBackplaneListener
{
    private const string NameLostNotice = "Your name was taken on another server of this chat while this one was cut off from the others. Log in again.";

    private readonly IChatBackplane? _backplane;

    /// <summary>The link to the other nodes, or null when this process is the whole chat.</summary>
    internal IChatBackplane? Backplane => _backplane;

    /// <summary>Where <paramref name="name"/> is logged in: on this node (with its session) or another; null when nowhere.</summary>
    internal async ValueTask<(ChatSession? Local, RemoteUser? Remote)> LocateUserAsync(string name, CancellationToken cancellationToken)
    {
        if (FindUser(name) is { IsLoggedIn: true } local)
        {
            return (local, null);
        }

        if (_backplane is null)
        {
            return (null, null);
        }

        // An entry of this node that has no session here is one the node is about to remove (a logout on its way).
        var remote = await _backplane.FindUserAsync(name, cancellationToken);
        return (null, remote?.NodeId == _backplane.NodeId ? null : remote);
    }

    /// <summary>The names of the users in <paramref name="room"/>, on every node, in the room's order.</summary>
    internal async ValueTask<IReadOnlyList<string>> RoomMemberNamesAsync(Room room, CancellationToken cancellationToken)
    {
        var names = _backplane is null
            ? room.Members.Select(m => m.Username).OfType<string>()
            : await _backplane.GetRoomMembersAsync(room.Name, cancellationToken);
        return names.Distinct(Usernames.Comparer).Order(Usernames.Comparer).ToArray();
    }

    /// <summary>How many users each room has now, on every node.</summary>
    internal async ValueTask<IReadOnlyList<int>> CountRoomMembersAsync(IReadOnlyList<string> rooms, CancellationToken cancellationToken)
    {
        return _backplane is null
            ? rooms.Select(name => FindRoom(name)?.Members.Count(m => m.IsLoggedIn) ?? 0).ToArray()
            : await _backplane.CountRoomMembersAsync(rooms, cancellationToken);
    }

    /// <summary>A notice to a room's members on every node, whether or not the room is live here.</summary>
    internal void BroadcastToRoom(string room, ReadOnlyMemory<byte> line)
    {
        if (FindRoom(room) is { } live)
        {
            live.Broadcast(line);
        }
        else
        {
            _backplane?.PublishToRoom(room, line, ReadOnlyMemory<long>.Empty);
        }
    }

    ValueTask IBackplaneListener.OnRoomTrafficAsync(string room, ReadOnlyMemory<byte> lines, long[] messageIds)
        => FindRoom(room) is { } live ? live.EnqueueRemoteAsync(lines, messageIds) : ValueTask.CompletedTask;

    void IBackplaneListener.OnCommand(NodeCommand command)
    {
        if (FindUser(command.User) is not { IsLoggedIn: true } session)
        {
            return; // gone meanwhile
        }

        switch (command.Kind)
        {
            case NodeCommandKind.Deliver when command.Line is { } line:
                session.TrySend(Encoding.UTF8.GetBytes(line));
                break;
            case NodeCommandKind.Eject:
                if (command.BannedBy is { } by && session.RemoteAddress is { } address)
                {
                    _ = RecordBanAddressAsync(new Ban(command.User, address, command.BanReason, by, Clock.GetUtcNow()));
                }

                var room = session.Room;
                LogOut(session, "removed by a moderator on another node");
                session.CloseWith(Notices.Info(Clock, command.Text ?? "You were removed by a moderator."));
                if (room is not null && command.RoomText is { } roomText)
                {
                    room.Broadcast(PayloadWriter.ToLine(Notices.Info(Clock, roomText) with { Room = room.Name }));
                }

                break;
        }
    }

    private async Task RecordBanAddressAsync(Ban ban)
    {
        try
        {
            await Store.AddBanAsync(ban, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The ban on the name holds (the moderator's node stored it); only the address is missing.
            ServerLog.BanAddressNotRecorded(_logger, ban.Name, ex);
        }
    }

    IReadOnlyList<(string Name, string? Room)> IBackplaneListener.LocalUsers()
        => [.. _users.Values.Select(s => (Name: s.Username, Room: s.Room?.Name)).Where(u => u.Name is not null).Select(u => (u.Name!, u.Room))];

    void IBackplaneListener.OnNameLost(string name)
    {
        if (FindUser(name) is { } session)
        {
            LogOut(session, "name taken on another node");
            session.CloseWith(Notices.Info(Clock, NameLostNotice));
        }
    }

    void IBackplaneListener.OnCatchUp(DateTimeOffset since)
    {
        foreach (var room in _rooms.Values)
        {
            room.EnqueueCatchUp(since);
        }
    }
}
