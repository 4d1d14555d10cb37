using Microsoft.Extensions.Options;
using Parley.Protocol;
using Parley.Server.Sessions;
using Parley.Storage;

namespace Parley.Server.Accounts;

/// <summary>
/// Accounts and moderator rights, for the request handlers: the login checks (bans, passwords, throttling),
/// who may moderate, and the audit log. Everything durable lives in the store; only the throttle is in memory.
/// </summary>
internal sealed partial class AccountService(
    IOptions<ChatServerOptions> options, IChatStore store, PasswordHasher hasher, LoginThrottle throttle, TimeProvider clock, ILogger<AccountService> logger)
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

    /// <summary>
    /// Appends to the audit log, after the action's own write succeeded (or for a denial). When the store
    /// cannot keep the entry (a full disk) the action stands, as it was stored: the entry goes to the log
    /// instead, rather than telling the moderator that a ban which holds did not happen.
    /// </summary>
    public async ValueTask AuditAsync(string actor, string action, string? target, string? detail, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, action, target, detail), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.AuditNotStored(logger, actor, action, target, ex.Reason);
        }
    }

    public static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? "." : $": {reason}";

    private static string BannedText(string name, Ban ban) => $"The name {name} is banned{Because(ban.Reason)}";

    private async ValueTask UpgradeHashAsync(Account account, string password, CancellationToken cancellationToken)
    {
        if (!hasher.NeedsRehash(account.PasswordHash))
        {
            return;
        }

        try
        {
            await store.SetPasswordHashAsync(account.Name, await hasher.HashAsync(password, cancellationToken), cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The old hash still works: the login goes on, and the next one upgrades it.
            Log.RehashNotStored(logger, account.Name, ex.Reason);
        }
    }

    private static (bool, Account?) Refuse(ChatSession session, string code, string text)
    {
        ServerLog.LoginRefused(session.Logger, session.ConnectionId, code);
        session.SendError(code, text);
        return (false, null);
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "Audit entry not stored ({Reason}): {Actor} {Action} {Target}")]
        public static partial void AuditNotStored(ILogger logger, string actor, string action, string? target, string reason);

        [LoggerMessage(41, LogLevel.Information, "The stronger password hash for {Name} was not stored ({Reason}); the next login tries again")]
        public static partial void RehashNotStored(ILogger logger, string name, string reason);
    }
}
