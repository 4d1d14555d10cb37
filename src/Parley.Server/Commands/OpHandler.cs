using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>op &lt;user&gt;</c> (moderators): makes a registered account a moderator (kept in the store).</summary>
internal sealed class OpHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "op";

    public override string Usage => "op <user>";

    public override string Description => "moderators: make a registered user a moderator";

    protected override string Action => "make moderators";

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
            session.SendError(ErrorCodes.NotRegistered, $"{name} is not registered: only registered accounts can be moderators.");
            return;
        }

        if (account.IsModerator || Accounts.IsConfiguredModerator(account.Name))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"{account.Name} is a moderator already.");
            return;
        }

        await Accounts.Store.SetModeratorAsync(account.Name, true, cancellationToken);
        await Accounts.AuditAsync(actor, "op", account.Name, null, cancellationToken);
        session.SendInfo($"{account.Name} is now a moderator.");
        var (local, remote) = await session.Server.LocateUserAsync(account.Name, cancellationToken);
        var notice = $"{actor} made you a moderator.";
        if (local is not null && local != session)
        {
            local.SendInfo(notice);
        }
        else if (remote is not null)
        {
            TellRemote(session, remote, notice);
        }
    }
}
