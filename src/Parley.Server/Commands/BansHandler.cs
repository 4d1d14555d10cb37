using System.Text;
using Parley.Protocol;
using Parley.Server.Accounts;
using Parley.Server.Sessions;

namespace Parley.Server.Commands;

/// <summary><c>bans</c> (moderators): an info listing every ban, one per line.</summary>
internal sealed class BansHandler(AccountService accounts) : ModerationHandler(accounts)
{
    public override string Name => "bans";

    public override string Usage => "bans";

    public override string Description => "moderators: list the bans";

    protected override string Action => "list bans";

    protected override async ValueTask ModerateAsync(ChatSession session, string actor, string? content, CancellationToken cancellationToken)
    {
        var bans = await Accounts.Store.ListBansAsync(cancellationToken);
        if (bans.Count == 0)
        {
            session.SendInfo("No bans.");
            return;
        }

        var text = new StringBuilder($"Bans ({bans.Count}):");
        foreach (var ban in bans)
        {
            text.Append('\n').Append(ban.Name)
                .Append(ban.Address is null ? string.Empty : $" (address {ban.Address})")
                .Append($" by {ban.By} at {WireTime.Format(ban.At)}")
                .Append(string.IsNullOrWhiteSpace(ban.Reason) ? string.Empty : $": {ban.Reason}");
        }

        session.SendInfo(text.ToString());
    }
}
