using System.Runtime.InteropServices;
using System.Threading.Channels;
using Parley.Client;

namespace Parley.Cli.Tui;

/// <summary>
/// Interactive mode when both standard input and output are a terminal: the full-screen UI
/// (<see cref="TuiInteractionService"/>) on the alternate screen, driven by a key-reader thread. The terminal
/// is restored however the session ends: normally, by an exception, or by the process being told to exit.
/// </summary>
internal static class FullScreenMode
{
    public static async Task<int> RunAsync(ChatConnection connection, EventPresenter presenter, ReconnectOptions reconnect, CancellationToken cancellationToken)
    {
        var color = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var plain = new EventFormatter(useColor: false);
        var ui = new TuiInteractionService(plain, connection.State, reconnect.Endpoint, Console.Out, ConsoleSize, color) { ShowIds = presenter.Formatter.ShowIds };
        var input = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        void Restore(object? sender, EventArgs e) => ui.Finish();
        AppDomain.CurrentDomain.ProcessExit += Restore;
        // The console's cached size is updated on the same signal; the redraw reads it again.
        using var resized = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => ui.Refresh());
        Console.TreatControlCAsInput = true;
        try
        {
            ui.Start();
            ui.ShowHint("Connected. Type 'login <name>' to start, /help for the keys and commands.");
            _ = Task.Factory.StartNew(() => new KeyReader(ui, input.Writer).Run(), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return await new ChatSessionLoop(connection, ui, reconnect).RunAsync(input.Reader, cancellationToken);
        }
        finally
        {
            ui.Finish();
            Console.TreatControlCAsInput = false;
            AppDomain.CurrentDomain.ProcessExit -= Restore;
            if (ui.LastError is { } error)
            {
                // The alternate screen took the conversation with it; the reason for leaving stays visible.
                await Console.Error.WriteLineAsync(error);
            }
        }
    }

    private static (int Width, int Height) ConsoleSize()
    {
        try
        {
            return (Math.Max(1, Console.WindowWidth), Math.Max(1, Console.WindowHeight));
        }
        catch (IOException)
        {
            return (80, 24);
        }
    }
}
