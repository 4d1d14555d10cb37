using Parley.Client;

namespace Parley.Cli;

/// <summary>Everything the client shows, behind one small interface so each mode can render it its own way.</summary>
internal interface IInteractionService
{
    /// <summary>A payload from the server, as soon as it arrives.</summary>
    void ShowEvent(ServerEvent received);

    /// <summary>A line from the client itself (a usage hint); nothing was sent.</summary>
    void ShowHint(string text);

    /// <summary>A problem, on standard error.</summary>
    void ShowError(string text);
}
