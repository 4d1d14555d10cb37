using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>deop &lt;user&gt;</c> (moderators): takes back what <c>op</c> gave; configured moderators stay.</summary>
internal sealed class DeopHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "deop";

    public override string Usage => "deop <user>";

    public override string Description => "moderators: make a moderator a plain user again";

    protected override string Action => "remove moderators";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        var (name, rest) = SplitFirst(content);
        if (!Usernames.IsValid(name) || rest is not null)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        var account = await Accounts.Store.FindAccountAsync(name, cancellationToken);
        if (account is null)
        {
            session.SendError(ErrorCodes.NotRegistered, $"{name} is not registered, so not a moderator.");
            return;
        }

        if (Accounts.IsConfiguredModerator(account.Name))
        {
            session.SendError(ErrorCodes.InvalidArgument,
                $"{account.Name} is a moderator by configuration (Parley:Moderators); only the server's configuration can change that.");
            return;
        }

        if (!account.IsModerator)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"{account.Name} is not a moderator.");
            return;
        }

        await Accounts.Store.SetModeratorAsync(account.Name, false, cancellationToken);
        await Accounts.AuditAsync(actor, "deop", account.Name, null, cancellationToken);
        session.SendInfo($"{account.Name} is no longer a moderator.");
    }
}
