using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>unban &lt;user&gt;</c> (moderators): lifts the ban on the name and on the address it recorded.</summary>
internal sealed class UnbanHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "unban";

    public override string Usage => "unban <user>";

    public override string Description => "moderators: lift a ban";

    protected override string Action => "lift bans";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        var (name, rest) = SplitFirst(content);
        if (!Usernames.IsValid(name) || rest is not null)
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        if (!await Accounts.Store.RemoveBanAsync(name, cancellationToken))
        {
            session.SendError(ErrorCodes.NotFound, $"{name} is not banned.");
            return;
        }

        await Accounts.AuditAsync(actor, "unban", name, null, cancellationToken);
        session.SendInfo($"{name} is no longer banned.");
    }
}
