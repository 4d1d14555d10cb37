namespace Parley.Server.Hosting;

/// <summary>The server process's exit codes, by name.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A setting cannot work (the message says which); nothing was started.</summary>
    public const int InvalidSettings = 1;

    /// <summary>The store could not be opened at start (its database down or unreachable); nothing was served.</summary>
    public const int StoreUnavailable = 2;

    /// <summary>The cluster's Redis (<c>--backplane redis</c>) could not be reached at startup.</summary>
    public const int ClusterUnavailable = 3;
}
