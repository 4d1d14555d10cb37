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

        if (session.Server.FindUser(name) is not { Username: { } targetName } target)
        {
            session.SendError(ErrorCodes.NotFound, $"{name} is not logged in.");
            return;
        }

        if (target == session)
        {
            session.SendError(ErrorCodes.InvalidArgument, "You cannot kick yourself; use logout.");
            return;
        }

        await Accounts.AuditAsync(actor, "kick", targetName, reason, cancellationToken);
        var because = AccountService.Because(reason);
        Eject(session, target, $"You were kicked by {actor}{because}", $"{targetName} was kicked by {actor}{because}");
    }
}
