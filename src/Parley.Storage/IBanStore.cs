namespace Parley.Storage;

/// <summary>Bans, kept across restarts. One ban per name (case-insensitive); a new one replaces the old.</summary>
public interface IBanStore
{
    ValueTask AddBanAsync(Ban ban, CancellationToken cancellationToken);

    /// <summary>False when the name was not banned.</summary>
    ValueTask<bool> RemoveBanAsync(string name, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Ban>> ListBansAsync(CancellationToken cancellationToken);
}
