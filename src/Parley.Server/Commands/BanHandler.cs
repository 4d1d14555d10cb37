using Parley.Cluster;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Commands;

/// <summary>
/// <c>ban &lt;user&gt; [reason]</c> (moderators): the name, and the address it is connected from, are refused at
/// login from now on (the ban is in the store, so it survives restarts); an online user is removed as by a kick.
/// </summary>
internal sealed class BanHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "ban";

    public override string Usage => "ban <user> [reason]";

    public override string Description => "moderators: keep a user (name and address) out, across restarts";

    protected override string Action => "ban users";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        var (name, reason) = SplitFirst(content);
        if (!Usernames.IsValid(name))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"Usage: {Usage}");
            return;
        }

        if (Usernames.Comparer.Equals(name, actor))
        {
            session.SendError(ErrorCodes.InvalidArgument, "You cannot ban yourself.");
            return;
        }

        // Otherwise an op'ed moderator could lock out the people the operator trusts by configuration.
        if (Accounts.IsConfiguredModerator(name))
        {
            session.SendError(ErrorCodes.InvalidArgument, $"{name} is a moderator by configuration (Parley:Moderators) and cannot be banned.");
            return;
        }

        var store = Accounts.Store;
        var (online, remote) = await session.Server.LocateUserAsync(name, cancellationToken);

        // A ban of someone offline keeps the address an earlier ban recorded rather than forgetting it.
        var earlier = (await store.ListBansAsync(cancellationToken)).FirstOrDefault(b => Usernames.Comparer.Equals(b.Name, name));
        var address = online?.RemoteAddress ?? earlier?.Address;
        var target = online?.Username ?? remote?.Name ?? (await store.FindAccountAsync(name, cancellationToken))?.Name ?? name;
        await store.AddBanAsync(new Ban(target, address, reason, actor, session.Server.Clock.GetUtcNow()), cancellationToken);
        await Accounts.AuditAsync(actor, "ban", target, address is null ? reason : $"{reason} (address {address})", cancellationToken);

        var because = AccountService.Because(reason);
        var (toTarget, toRoom) = ($"You are banned by {actor}{because}", $"{target} was banned by {actor}{because}");
        if (online is not null)
        {
            Eject(session, online, toTarget, toRoom);
        }
        else if (remote is not null)
        {
            // The user's node knows the address: it records the ban again with it (a new ban replaces the old).
            EjectRemote(session, remote, new NodeCommand(NodeCommandKind.Eject, target, Text: toTarget, RoomText: toRoom, BannedBy: actor, BanReason: reason));
        }

        session.SendInfo($"{target} is banned.");
    }
}
