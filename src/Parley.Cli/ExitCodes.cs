namespace Parley.Cli;

/// <summary>The process exit codes, by name.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line could not be understood.</summary>
    public const int InvalidArguments = 1;

    /// <summary>Nothing answered at the host and port (or the name did not resolve).</summary>
    public const int CannotConnect = 2;

    /// <summary>The server closed the connection when we had not logged out.</summary>
    public const int ConnectionLost = 3;
}
