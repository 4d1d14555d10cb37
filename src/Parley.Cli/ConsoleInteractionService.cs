using Parley.Client;

namespace Parley.Cli;

/// <summary>Output for pipe mode: plain lines, standard output flushed after each event so a reader sees it at once.</summary>
internal sealed class ConsoleInteractionService(EventPresenter presenter, TextWriter output, TextWriter error) : IInteractionService
{
    private readonly Lock _lock = new();

    public void ShowEvent(ServerEvent received)
    {
        var lines = presenter.Present(received);
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
