using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>kick &lt;user&gt; [reason]</c> (moderators): the user is told, logged out and disconnected; the room is told.</summary>
internal sealed class KickHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "kick";

    public override string Usage => "kick <user> [reason]";

    public override string Description => "moderators: disconnect a user";

    protected override string Action => "kick users";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        var (name, reason) = SplitFirst(content);
        if (!Usernames.IsValid(name))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        var (local, remote) = await session.Server.LocateUserAsync(name, cancellationToken);
        if ((local?.Username ?? remote?.Name) is not { } targetName)
        {
            session.SendError(ErrorCodes.NotFound, $"{name} is not logged in.");
            return;
        }

        if (local == session)
        {
            session.SendError(ErrorCodes.InvalidArgument, "You cannot kick yourself; use logout.");
            return;
        }

        await Accounts.AuditAsync(actor, "kick", targetName, reason, cancellationToken);
        var because = AccountService.Because(reason);
        var (toTarget, toRoom) = ($"You were kicked by {actor}{because}", $"{targetName} was kicked by {actor}{because}");
        if (local is not null)
        {
            Eject(session, local, toTarget, toRoom);
        }
        else
        {
            EjectRemote(session, remote!, new NodeCommand(NodeCommandKind.Eject, targetName, Text: toTarget, RoomText: toRoom));
        }
    }
}
