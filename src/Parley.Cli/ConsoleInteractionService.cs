using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Output for pipe mode: plain lines, standard output flushed after each event so a reader sees it at once.
/// Nothing is ever prompted: a script that needs a password sends <c>login alice secret</c> itself.
/// </summary>
internal sealed class ConsoleInteractionService(EventPresenter presenter, ClientState state, TextWriter output, TextWriter error) : IInteractionService
{
    private readonly Lock _lock = new();

    public bool ShowIds
    {
        get => presenter.Formatter.ShowIds;
        set => presenter.Formatter.ShowIds = value;
    }

    public bool CanReadSecrets => false;

    // Pipe mode never reconnects (a lost connection ends it with exit code 3), so there is nothing to show.
    public void ShowConnectionState(ConnectionState state, string? detail)
    {
    }

    public Task<string?> ReadSecretAsync(string prompt, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public void ShowEvent(ServerEvent received)
    {
        var lines = presenter.Present(received, state.Room);
        lock (_lock)
        {
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    public void ShowHint(string text)
    {
        lock (_lock)
        {
            // With --json, standard output carries only payloads.
            var target = presenter.IsJson ? error : output;
            target.WriteLine(presenter.Formatter.Local(text));
            target.Flush();
        }
    }

    public void ShowError(string text)
    {
        lock (_lock)
        {
            output.Flush();
            error.WriteLine(text);
            error.Flush();
        }
    }
}
