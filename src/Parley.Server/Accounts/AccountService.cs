using Microsoft.Extensions.Options;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Accounts;

/// <summary>
/// Accounts and moderator rights, for the request handlers: the login checks (bans, passwords, throttling),
/// who may moderate, and the audit log. Everything durable lives in the store; only the throttle is in memory.
/// </summary>
internal sealed class AccountService(IOptions<ChatServerOptions> options, IChatStore store, PasswordHasher hasher, LoginThrottle throttle, TimeProvider clock)
{
    /// <summary>Shortest password accepted by <c>register</c> and <c>password</c>.</summary>
    public const int MinPasswordLength = 8;

    public PasswordHasher Hasher => hasher;

    public LoginThrottle Throttle => throttle;

    public IChatStore Store => store;

    /// <summary>Named in <c>Parley:Moderators</c>: a moderator whenever it logs in with its account's password.</summary>
    public bool IsConfiguredModerator(string name) => options.Value.Moderators.Contains(name, Usernames.Comparer);

    /// <summary>Logged in with the account's password, and a moderator by configuration or by <c>op</c>.</summary>
    public async ValueTask<bool> CanModerateAsync(ChatSession session, CancellationToken cancellationToken)
    {
        if (session.Username is not { } name || !session.IsAuthenticated)
        {
            return false;
        }

        // Read again rather than trusting the login snapshot: a deop takes effect at once.
        return IsConfiguredModerator(name) || (await store.FindAccountAsync(name, cancellationToken))?.IsModerator == true;
    }

    /// <summary>
    /// The account checks of <c>login</c>, after the username rule and before the name is claimed (the order
    /// of docs/PROTOCOL.md). Sends the refusal itself; on success returns whether the login proved an account.
    /// </summary>
    public async ValueTask<(bool Allowed, Account? Account)> CheckLoginAsync(ChatSession session, string name, string? password, CancellationToken cancellationToken)
    {
        var bans = await store.ListBansAsync(cancellationToken);
        if (bans.FirstOrDefault(b => Usernames.Comparer.Equals(b.Name, name)) is { } nameBan)
        {
            return Refuse(session, ErrorCodes.Banned, BannedText(name, nameBan));
        }

        var account = await store.FindAccountAsync(name, cancellationToken);
        if (account is null && password is not null)
        {
            return Refuse(session, ErrorCodes.NotRegistered, $"The name {name} is not registered: log in with 'login {name}' and claim it with 'register <password>'.");
        }

        if (account is not null)
        {
            if (password is null)
            {
                return Refuse(session, ErrorCodes.PasswordRequired, $"The name {name} is registered: login {name} <password>");
            }

            if (!await CheckPasswordAsync(session, account, password, cancellationToken))
            {
                return (false, null);
            }

            await UpgradeHashAsync(account, password, cancellationToken);
        }

        // A moderator who proved the password is not locked out by a ban on an address it shares (a NAT).
        var address = session.RemoteAddress;
        var exempt = account is not null && (account.IsModerator || IsConfiguredModerator(account.Name));
        if (address is not null && !exempt && bans.FirstOrDefault(b => b.Address == address) is { } addressBan)
        {
            return Refuse(session, ErrorCodes.Banned, $"Connections from your address are banned{Because(addressBan.Reason)}");
        }

        return (true, account);
    }

    /// <summary>
    /// Checks <paramref name="password"/> for <paramref name="account"/> under the throttle: refused unchecked
    /// while the name or the address is locked out; a failure counts against both. Sends the refusal itself.
    /// </summary>
    public async ValueTask<bool> CheckPasswordAsync(ChatSession session, Account account, string password, CancellationToken cancellationToken)
    {
        if (throttle.RetryAfter(account.Name, session.RemoteAddress) is { } wait)
        {
            Refuse(session, ErrorCodes.RateLimited, LoginThrottle.Refusal(wait));
            return false;
        }

        if (!await hasher.VerifyAsync(password, account.PasswordHash, cancellationToken))
        {
            throttle.RecordFailure(account.Name, session.RemoteAddress);
            Refuse(session, ErrorCodes.BadPassword, $"Wrong password for {account.Name}.");
            return false;
        }

        throttle.RecordSuccess(account.Name);
        return true;
    }

    public ValueTask AuditAsync(string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
        => store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, action, target, detail), cancellationToken);

    public static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? "." : $": {reason}";

    private static string BannedText(string name, Ban ban) => $"The name {name} is banned{Because(ban.Reason)}";

    private async ValueTask UpgradeHashAsync(Account account, string password, CancellationToken cancellationToken)
    {
        if (hasher.NeedsRehash(account.PasswordHash))
        {
            await store.SetPasswordHashAsync(account.Name, await hasher.HashAsync(password, cancellationToken), cancellationToken);
        }
    }

    private static (bool, Account?) Refuse(ChatSession session, string code, string text)
    {
        ServerLog.LoginRefused(session.Logger, session.ConnectionId, code);
        session.SendError(code, text);
        return (false, null);
    }
}
