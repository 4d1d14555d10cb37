using Parley.Client;

namespace Parley.Cli;

/// <summary>Everything the client shows and asks, behind one small interface so each mode can do it its own way.</summary>
internal interface IInteractionService
{
    /// <summary>Whether messages start with their id (<c>--ids</c>, <c>/ids</c>).</summary>
    bool ShowIds { get; set; }

    /// <summary>Whether <see cref="ReadSecretAsync"/> can ask the user (a terminal); in pipe mode nothing is prompted.</summary>
    bool CanReadSecrets { get; }

    /// <summary>A payload from the server, as soon as it arrives.</summary>
    void ShowEvent(ServerEvent received);

    /// <summary>A line from the client itself (a usage hint); nothing was sent.</summary>
    void ShowHint(string text);

    /// <summary>A problem, on standard error.</summary>
    void ShowError(string text);

    /// <summary>
    /// The connection's state changed; <paramref name="detail"/> says more ("retrying in 4 s"). A full-screen
    /// terminal shows it in its status line; a plain one as a line; pipe mode ignores it.
    /// </summary>
    void ShowConnectionState(ConnectionState state, string? detail);

    /// <summary>
    /// Shows <paramref name="prompt"/> and reads one line without echoing it. <see langword="null"/> when the user
    /// cancelled, when <paramref name="cancellationToken"/> fired, or when there is no terminal to ask; never throws
    /// for cancellation.
    /// </summary>
    Task<string?> ReadSecretAsync(string prompt, CancellationToken cancellationToken);
}
