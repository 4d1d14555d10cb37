namespace Parley.Storage;

/// <summary>Accounts: claimed names with a password hash and a moderator flag. Names compare case-insensitively.</summary>
public interface IAccountStore
{
    ValueTask<Account?> FindAccountAsync(string name, CancellationToken cancellationToken);

    /// <summary>Claims a name; false when it is claimed already.</summary>
    ValueTask<bool> CreateAccountAsync(Account account, CancellationToken cancellationToken);

    /// <summary>False when there is no such account.</summary>
    ValueTask<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken);

    /// <summary>False when there is no such account.</summary>
    ValueTask<bool> SetModeratorAsync(string name, bool isModerator, CancellationToken cancellationToken);
}
