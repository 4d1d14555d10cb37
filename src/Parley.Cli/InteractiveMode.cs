using System.Threading.Channels;
using Parley.Cli.Tui;
using Parley.Client;

namespace Parley.Cli;

/// <summary>
/// Standard input is a terminal: keys are read one by one so the half-typed line can be redrawn whenever
/// output arrives. Ctrl+C logs out and exits; Ctrl+D on an empty line quits. When standard output is a
/// terminal too (and neither <c>--json</c> nor <c>TERM=dumb</c> asks for plain lines), the full-screen UI runs instead.
/// </summary>
internal static class InteractiveMode
{
    /// <param name="connection">The connection.</param>
    /// <param name="presenter">How events become lines.</param>
    /// <param name="reconnect">How to get the connection back when it drops; its endpoint is shown in the status line.</param>
    /// <param name="cancellationToken">Stops the session.</param>
    public static async Task<int> RunAsync(ChatConnection connection, EventPresenter presenter, ReconnectOptions reconnect, CancellationToken cancellationToken)
    {
        if (!Console.IsOutputRedirected && !presenter.IsJson && Environment.GetEnvironmentVariable("TERM") != "dumb")
        {
            return await FullScreenMode.RunAsync(connection, presenter, reconnect, cancellationToken);
        }

        var terminal = new TerminalInteractionService(presenter, connection.State);
        var input = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        Console.TreatControlCAsInput = true;
        try
        {
            terminal.ShowHint("Connected. Type 'login <username>' to start, 'help' for the server's commands.");
            terminal.ShowHint("Client commands: '/ids' shows or hides message ids, '/quit' leaves.");
            _ = Task.Factory.StartNew(() => ReadKeys(terminal, input.Writer), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return await new ChatSessionLoop(connection, terminal, reconnect).RunAsync(input.Reader, cancellationToken);
        }
        finally
        {
            terminal.Finish();
            Console.TreatControlCAsInput = false;
        }
    }

    private static void ReadKeys(TerminalInteractionService terminal, ChannelWriter<string> writer)
    {
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
                var interrupt = key.KeyChar == '\u0003' || (control && key.Key == ConsoleKey.C);
                var endOfInput = key.KeyChar == '\u0004' || (control && key.Key == ConsoleKey.D);
                if ((interrupt || endOfInput) && terminal.CancelSecret())
                {
                    // At a password prompt these cancel the prompt, not the session.
                    continue;
                }

                if (interrupt)
                {
                    writer.TryWrite("/quit");
                    return;
                }

                if (endOfInput && terminal.IsLineEmpty)
                {
                    writer.TryComplete();
                    return;
                }

                if (terminal.OnKey(key) is { } line)
                {
                    writer.TryWrite(line);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // No console to read keys from after all: behave as at the end of the input.
            writer.TryComplete();
        }
    }
}
